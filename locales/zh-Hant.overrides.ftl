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
