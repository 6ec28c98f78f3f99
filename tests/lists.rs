//! Lists at any size, as readers get them: pages of a list at the same path
//! in every variant, the statistics page's largest figures and the full
//! table, sitemaps, robots.txt and the 404 pages.

mod common;

use common::*;

/// A site of `n` donors whose amounts fall with their number, paginated by `per`.
fn donors(n: usize, per: usize) -> Site {
    let site = Site::new(&site_toml("zh-Hant", "https://example.org/report").replace(
        "theme = \"default\"\n",
        &format!("theme = \"default\"\npaginate_by = {per}\n"),
    ));
    for i in 0..n {
        site.org(
            &format!("org-{i:02}"),
            &entry(
                &format!("第{i}會"),
                "donation",
                &format!("amount_yuan = {}", 1000 - i),
                "記述",
            ),
        );
    }
    site
}

#[test]
fn lists_split_into_pages_at_the_same_path_in_every_variant() {
    let site = donors(5, 2);
    assert_ok(&site.build(&[]));
    for v in ["zh-hant", "zh-hans"] {
        let first = site.read(&format!("{v}/index.html"));
        assert!(first.contains("org-00/") && first.contains("org-01/"));
        assert!(!first.contains("org-02/"), "two a page");
        assert!(
            first.contains("rel=\"next\" href=\"page/2/index.html\""),
            "{first}"
        );
        assert!(!first.contains("rel=\"prev\""));
        let second = site.read(&format!("{v}/page/2/index.html"));
        assert!(
            second.contains("org-02/") && second.contains("org-03/") && !second.contains("org-01/")
        );
        assert!(
            second.contains("rel=\"prev\" href=\"../../index.html\""),
            "{second}"
        );
        assert!(
            second.contains("rel=\"next\" href=\"../../page/3/index.html\""),
            "{second}"
        );
        assert!(
            second.contains(&format!(
                "<link rel=\"canonical\" href=\"https://example.org/report/{v}/page/2/\">"
            )),
            "each page is its own canonical page"
        );
        for (code, path) in [("zh-Hant", "zh-hant"), ("zh-Hans", "zh-hans")] {
            assert!(
                second.contains(&format!(
                    "hreflang=\"{code}\" href=\"https://example.org/report/{path}/page/2/\""
                )),
                "{v}: the alternate is the same page of the other variant"
            );
        }
        let other = if v == "zh-hant" { "zh-hans" } else { "zh-hant" };
        assert!(
            second.contains(&format!("href=\"../../../{other}/page/2/index.html\"")),
            "{v}: the switcher keeps the page"
        );
        assert!(
            second.contains("aria-current=\"page\">2<"),
            "the current page is marked"
        );
        let third = site.read(&format!("{v}/page/3/index.html"));
        assert!(third.contains("org-04/") && !third.contains("rel=\"next\""));
        assert!(!site.out().join(v).join("page/4").exists());
        // An activity type's page is split the same way.
        let t3 = site.read(&format!("{v}/activities/donation/page/3/index.html"));
        assert!(t3.contains("org-04/") && !t3.contains("org-03/"), "{t3}");
        assert!(t3.contains("5–5 / 5") || t3.contains("5–5 /"), "{t3}");
    }
    // Every page of every list is in the sitemap, every link resolves.
    let sitemap = site.read("sitemap.xml");
    for p in ["zh-hant/page/3/", "zh-hans/activities/donation/page/2/"] {
        assert!(sitemap.contains(&format!("<loc>https://example.org/report/{p}</loc>")));
    }
    assert_ok(&zhpress(site.root(), &["check"]));
}

#[test]
fn a_theme_without_pagination_keeps_its_lists_whole() {
    let site = donors(5, 2);
    // A theme's own home page from before pagination: it never mentions it.
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block main %}{% for o in orgs %}<a href=\"{{ root }}orgs/{{ o.slug }}/index.html\">{{ o.name }}</a>{% endfor %}{% endblock main %}",
    );
    assert_ok(&site.build(&[]));
    let home = site.read("zh-hant/index.html");
    assert_eq!(home.matches("orgs/org-").count(), 5, "{home}");
    assert!(!site.out().join("zh-hant/page").exists());
    // The activity type's page of the same theme is still paginated.
    assert!(site
        .out()
        .join("zh-hant/activities/donation/page/3/index.html")
        .exists());
}

#[test]
fn paginate_by_must_be_a_whole_number_of_one_or_more() {
    let site = donors(1, 0);
    let o = site.build(&[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("paginate_by") && err.contains("site.toml:5:") && err.contains("1 or more"),
        "{err}"
    );
}

#[test]
fn statistics_name_the_largest_donors_and_sum_the_rest() {
    let site = donors(25, 10);
    assert_ok(&site.build(&[]));
    let stats = site.read("zh-hant/stats/index.html");
    assert!(stats.contains("第0會") && stats.contains("第19會"));
    assert!(!stats.contains(">第20會<"), "the 21st donor is in the rest");
    // The five smallest: 980 + 979 + 978 + 977 + 976.
    assert!(
        stats.contains("其餘機構（5）") && stats.contains("4,890.00"),
        "{stats}"
    );
    assert!(stats.contains("stats/donations/index.html"), "{stats}");
    let all = site.read("zh-hant/stats/donations/page/3/index.html");
    assert!(all.contains("第20會") && all.contains("第24會"), "{all}");
    assert!(all.contains(">21<"), "ranks continue across pages: {all}");
    let hans = site.read("zh-hans/stats/index.html");
    assert!(
        hans.contains("其余机构（5）"),
        "the rest in the variant's script"
    );
}

#[test]
fn sitemap_and_robots() {
    let site = donors(3, 50);
    assert_ok(&site.build(&[]));
    let robots = site.read("robots.txt");
    assert!(
        robots.contains("Sitemap: https://example.org/report/sitemap.xml"),
        "{robots}"
    );
    assert!(site.read("sitemap.xml").starts_with("<?xml"));
    // A site's own robots.txt wins.
    site.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    assert_ok(&site.build(&[]));
    assert_eq!(site.read("robots.txt"), "User-agent: *\nDisallow: /\n");
}

#[test]
fn not_found_pages_point_nowhere_and_speak_every_variant() {
    let site = donors(1, 50);
    assert_ok(&site.build(&[]));
    for page in ["404.html", "zh-hant/404.html", "zh-hans/404.html"] {
        let html = site.read(page);
        assert!(!html.contains("rel=\"canonical\""), "{page}: no canonical");
        assert!(!html.contains("hreflang="), "{page}: no alternates");
    }
    let root = site.read("404.html");
    assert!(
        root.contains("找不到這個頁面") && root.contains("找不到这个页面"),
        "the root 404 reads in both scripts: {root}"
    );
    assert!(root.contains("href=\"/report/zh-hans/index.html\""));
    assert!(site.read("zh-hans/404.html").contains("找不到这个页面"));
}
