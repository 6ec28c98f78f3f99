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

# s2twp reads 发布 as 釋出 (a software release); publishing a page is 發布.
new-wrote = zhpress：已寫入 { $path }（草稿：`zhpress serve --watch --drafts` 可以看到它；刪去其中 `draft = true` 一行即發布）
# Taiwan builds software with 建置, not 構建.
check-passed = zhpress：檢查通過：在記憶體中建置了 { $files } 個檔案，所有站內連結都能找到，源稿文字無誤
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

# Taiwan builds software with 建置, not 構建 (as cli-build above).
write-output-empty-hint = 請寫明要建置到的資料夾，或不寫 --output，建置到 <root>/output
# 建置, not 構建.
write-output-elsewhere = 請建置到網站以外的地方：不寫 --output 即建置到 { $default }，或指定一個新資料夾
# 建置, not 構建.
write-output-is-site = --output { $output } 就是網站本身的資料夾（--root { $root }）：建置會替換其中的 site.toml、content/ 以及其他一切
# 建置, not 構建.
write-output-holds-site = --output { $output } 包含了網站（--root { $root }，{ $site }）：建置會替換網站以及與它並列的一切
# 建置, not 構建.
write-output-in-site-folder = --output { $output } 位於網站的 { $folder }/ 資料夾之內（--root { $root }，{ $path }）：建置會替換那裡的內容
# 建置, not 構建.
write-output-holds-cwd = --output { $output } 包含了執行這條命令的資料夾（{ $cwd }）：建置會替換它
# 建置, not 構建.
write-output-is-file-hint = 請為網站指定一個資料夾：新的資料夾，或 zhpress 以前建置過的資料夾
# 建置, not 構建.
write-output-foreign = --output { $output } 中已有不是 zhpress 生成的檔案（{ $files }）；zhpress 只建置到空資料夾或它自己生成的資料夾（其中有 { $marker } 檔案）
# 建置, not 構建.
write-output-foreign-hint = 請指定一個新資料夾，或加 --force 建置到這個資料夾：網站不生成的檔案原樣保留，網站生成的檔案被替換（zhpress 0.1 在有標記檔案之前生成的輸出中沒有別的檔案）
# A network port is 連接埠 in Taiwan; 埠 alone reads as a harbour (as cli-serve-port).
serve-port-in-use = 連接埠 { $port } 已被佔用；請用 --port N 指定其他連接埠，或用 --port 0 任選一個空閒的連接埠
# 連接埠, not 埠.
serve-bind-failed-hint = 請換一個 --bind 位址或 --port 連接埠
# 建置, not 構建.
serve-build-failed = zhpress：建置失敗；仍在提供上一次成功建置的網站
# 建置, not 構建.
serve-changed-none = 重新建置
# s2twp writes 文件 for 文档; the theme's documentation is its 說明 here (and 文件 is the Simplified word for a file).
render-template-failed-hint = 請對照主題說明中列出的上下文（README「Themes」）檢查變數名
# s2twp turns 只能 into 隻能 (the measure word); it is 只.
render-range-too-long = range(start={ $start }, end={ $end }) 會生成 { $count } 個數；模板最多只能生成 { $most } 個
# A template macro is a 巨集 in Taiwan.
render-macro-of = { $template } 中的巨集 `{ $name }`
# A stack overflow is 堆疊溢位 in Taiwan.
render-recursion = 這裡可能無休止地呼叫自身：{ $chain }；Tera 不設上限，所以渲染會當掉（堆疊溢位），而不是停下來
# s2twp reads 查找 as 查詢 (a query); it is to look for nested loops.
render-timeout-hint = 請找找有沒有巢狀的迴圈；模板無法被中斷，所以 zhpress 在這裡停了下來。時間上限由 ZHPRESS_RENDER_TIMEOUT 設定（單位：秒）
# A sitemap is a 網站地圖 in Taiwan.
render-page-sitemap = 網站地圖
# A backslash is a 反斜線 in Taiwan.
lint-emphasis-literal-hint = 把標記緊貼在要強調的文字兩側，中間不留空格（`**重點**`）；一個詞的兩個字之間的 `_` 和 `__` 不會產生強調，請改用 `*` 或 `**`；如果就是要顯示這些字元，請在每個字元前加反斜線轉義（`\*\*`）
# 建置, not 構建.
opencc-system-missing = { $path } 需要系統的 OpenCC，而這個 zhpress 在建置時沒有包含它；請用 `cargo build --release --features opencc-rust` 建置（需要 libopencc-dev）
# s2twp writes 引數 (a function's argument); a command line's are 參數 (as cli-arguments-heading).
cli-error-unknown-argument = 無法識別的參數 `{ $arg }`
# 參數, not 引數.
cli-error-missing-arguments = 缺少以下必需的參數：
# 參數, not 引數.
cli-error-argument-repeated = 參數 `{ $arg }` 不能多次使用
# 參數, not 引數.
cli-error-argument-conflict = 參數 `{ $arg }` 不能與 `{ $other }` 同時使用
# 參數, not 引數.
cli-error-argument-conflict-many = 參數 `{ $arg }` 不能與以下參數同時使用：
# 參數, not 引數.
cli-error-argument-conflict-others = 參數 `{ $arg }` 不能與已給出的其他參數同時使用
# 參數, not 引數.
cli-error-invalid-utf8 = 參數中有無效的 UTF-8
# 參數, not 引數.
cli-error-similar-argument = 有一個相近的參數：`{ $arg }`
