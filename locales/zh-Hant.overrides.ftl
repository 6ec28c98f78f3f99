# Reviewed Traditional wordings: the ids whose generated text (s2twp of
# zh-Hans.ftl) is wrong or not idiomatic. Each replaces the generated message whole.

# s2twp writes 引數 (a function's argument); a command line's are 參數.
cli-arguments-heading = 參數
# The examples are the Simplified characters the audit is about: they stay 干、发.
cli-check-audit = 另外列出轉換在沒有詞組或規則決定時，為單個字（干、发……）選了哪種讀法，供複核。
# A network port is 連接埠 in Taiwan; 埠 alone reads as a harbour.
cli-serve-port = 連接埠；0 表示任選一個空閒的連接埠。
# Taiwan builds software with 建置, not 構建.
cli-build = 把網站建置到 output/。
build-done = zhpress：已建置 { $pages }（{ $files } 個檔案，{ $changed } 個有改動），寫到 { $output }，用時 { $ms } 毫秒
# s2twp reads 类型 as a programming type (型別); an activity's kind is 類型.
activity-type-unknown = 未知的活動類型 `{ $value }`
activity-type-unknown-hint = { $suggestion }（活動類型在 site.toml 中宣告）
overlay-heading = zhpress：最近一次修改無法建置。頁面顯示的是上一次成功建置的結果。

# Part A: site files (site.toml, content/, themes, links, markup).

# A publication is 發布 in Taiwan; s2twp's 釋出 is a software release.
config-variants-empty = `variants` 是空列表：網站將什麼也不發布
config-variants-hint = 請宣告每一個發布的版本：[[variants]] code = "zh-Hant" path = "zh-hant" label = "繁體"
scaffold-draft-comment = 草稿：刪去下一行即發布；在此之前 `zhpress build` 不包含它，`build --drafts` 會顯示它。
links-outside-site = 連結到 `{ $dest }`，它在網站之外（網站發布在 { $base }）
# Taiwan builds software with 建置, not 構建.
config-opencc-unavailable = 使用自己的 OpenCC 配置的版本由系統的 OpenCC 轉換，而這個 zhpress 建置時沒有包含它
config-opencc-unavailable-hint = 請帶上這個功能建置 zhpress：`cargo build --release --features opencc-rust`（需要系統的 OpenCC：`apt-get install libopencc-dev`）；或者寫一個內建的轉換：`convert = "s2t"`
# An activity's kind is 類型 (s2twp's 型別 is a programming type); 声明了 is 宣告了 (not 聲明瞭).
config-activity-types-empty = `activity_types` 是空列表：沒有條目能寫明自己的活動類型
config-activity-types-hint = 請宣告每一種活動類型：[[activity_types]] key = "donation" name = "捐款捐物"
config-type-twice = 活動類型 `{ $key }` 宣告了兩次
config-variant-twice = 版本 `{ $code }` 宣告了兩次
page-activity-type = 活動類型 `{ $key }`
# A file is 檔案 (s2twp leaves 术语表文件 as 文件).
config-glossary-unreadable = 無法讀取術語表檔案 `{ $file }`：{ $error }
# The C++ library is a 函式庫 in Taiwan; 庫 alone is a warehouse.
config-dictionaries-unknown-guess = 是不是要寫 `{ $candidate }`？`zhpress`（預設）是 OpenCC 的詞典加上 zhpress 的修正；`opencc` 是 OpenCC 自己的詞典，結果與 C++ 函式庫逐位元組相同
config-dictionaries-unknown-hint = 請寫 `dictionaries = "zhpress"` 或 `dictionaries = "opencc"`。`zhpress`（預設）是 OpenCC 的詞典加上 zhpress 的修正；`opencc` 是 OpenCC 自己的詞典，結果與 C++ 函式庫逐位元組相同
# A URL's scheme is its 通訊協定 in Taiwan.
base-url-no-scheme = 沒有通訊協定：請寫成 https://…
# s2twp writes 并为 as 併為; here it is 並為.
content-no-folder-hint = 請建立 content/orgs/，並為每個機構在其中放一個 <slug>.md
# Taiwan's words for a shallow clone, a repository and fetching.
content-shallow-clone = 這是淺層複製（shallow clone）的 git 儲存庫：在其最早的提交之前修改過的頁面，會把這個提交的日期顯示為最後更新日期（用 `git fetch --unshallow` 取得完整的歷史）
# A socket is 通訊端 in Taiwan.
files-socket = 通訊端
# Taiwan quotes with 「」.
encoding-utf16 = 這個檔案是 { $encoding } 文本（Windows 記事本稱之為「Unicode」），不是 UTF-8
encoding-gbk = GBK，簡體中文編碼（GB2312，中文 Windows 上的「ANSI」）
# The examples keep their characters: 鮮于 in Traditional, 鲜于 for zh-Hans (s2twp makes 鮮於 of both).
markup-not-closed-hint = 請在同一段中用 `{"}"}-` 結束它，例如 -{"{"}鮮于{"}"}-；要顯示 `-{"{"}` 本身，請把它放在 `code` 中
markup-hidden-not-per-variant-hint = 寫成 -{"{"}H|zh-Hans:鲜于;zh-Hant:鮮于{"}"}-
markup-no-code-hint = 每個版本寫成 code:文本，用 `;` 分隔：-{"{"}zh-Hans:鲜于;zh-Hant:鮮于{"}"}-
# A variant's code (zh-TW) is a 代碼; s2twp's 程式碼 is source code.
markup-not-a-code = `{ $code }` 不是版本代碼
markup-not-a-code-hint = 請使用 zh-Hans、zh-Hant、zh-TW、zh-HK 這樣的代碼
# A code block is a 程式碼區塊, and a backslash a 反斜線, in Taiwan.
markdown-code-block = 程式碼區塊（縮排四個空格的行，或以 ``` 圍起的程式碼）
markdown-not-inline-hint = 請只寫一段，其餘內容放進正文（前置資料之後的文字）；要讓一行以 Markdown 視為結構的字元開頭，請在它前面加反斜線：\- 或 1\.

# (end of part A)

# Part B: output, dev server, templates, lint findings, command line.
