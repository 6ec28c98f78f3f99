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
