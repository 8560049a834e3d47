//! The two Porter stemmers the reference ROUGE implementations use, each reproduced exactly.
//!
//! - [`stem_rouge155`]: the Perl Porter stemmer inside ROUGE-1.5.5 ("Release 1" of the
//!   regex-based Perl port, with Chin-Yew Lin's 2004 change to step 4). It is neither
//!   Snowball English nor quite the published algorithm: for instance it tries `-ment` and
//!   `-ent` again after step 4's list, so *agreement* becomes `agreem`.
//! - [`stem_nltk`]: NLTK's `PorterStemmer()` in its default `NLTK_EXTENSIONS` mode, which is
//!   what Google's `rouge-score` calls.
//!
//! Both take a lowercase ASCII word. ROUGE-1.5.5 first looks a word up in the WordNet
//! exception lists ([`crate::wordnet`], read at run time through [`crate::RougeData`]);
//! that lookup is not part of [`stem_rouge155`].

use std::sync::OnceLock;

use regex::Regex;

/// The regular expressions of the Perl stemmer, spelled exactly as its `initialise` builds
/// them: `c` = `[^aeiou]`, `v` = `[aeiouy]`, `C` = `c[^aeiouy]*`, `V` = `v[aeiou]*`.
struct PerlPatterns {
    /// `[C]VC…`: measure > 0.
    mgr0: Regex,
    /// `[C]VC[V]`: measure = 1.
    meq1: Regex,
    /// `[C]VCVC…`: measure > 1.
    mgr1: Regex,
    /// A vowel in the stem.
    has_vowel: Regex,
    /// A whole stem of the form `C v c`, the last not w, x or y (`^${C}${v}[^aeiouwxy]$`).
    cvc: Regex,
}

fn perl_patterns() -> &'static PerlPatterns {
    static P: OnceLock<PerlPatterns> = OnceLock::new();
    P.get_or_init(|| {
        let c = "[^aeiou]";
        let v = "[aeiouy]";
        let cc = format!("{c}[^aeiouy]*");
        let vv = format!("{v}[aeiou]*");
        let re = |s: String| Regex::new(&s).expect("the stemmer patterns are valid");
        PerlPatterns {
            mgr0: re(format!("^({cc})?{vv}{cc}")),
            meq1: re(format!("^({cc})?{vv}{cc}({vv})?$")),
            mgr1: re(format!("^({cc})?{vv}{cc}{vv}{cc}")),
            has_vowel: re(format!("^({cc})?{v}")),
            cvc: re(format!("^{cc}{v}[^aeiouwxy]$")),
        }
    })
}

/// Step 2 suffixes and their replacements (the Perl `%step2list`).
const STEP2: &[(&str, &str)] = &[
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("logi", "log"),
];

/// Step 3 suffixes and their replacements (the Perl `%step3list`).
const STEP3: &[(&str, &str)] = &[
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
];

/// Step 4's first list, after Lin's change (`ment` and `ent` are tried separately).
const STEP4: &[&str] = &[
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ou", "ism", "ate", "iti",
    "ous", "ive", "ize",
];

/// The suffix of `w` that a Perl alternation `(a|b|…)$` matches: the match that starts
/// leftmost, so the longest listed suffix `w` ends with.
fn longest_suffix<'a, T: Copy>(w: &str, list: &'a [T], key: impl Fn(T) -> &'a str) -> Option<T> {
    list.iter()
        .copied()
        .filter(|&s| w.ends_with(key(s)))
        .max_by_key(|&s| key(s).len())
}

/// Stems `word` (lowercase ASCII) exactly as ROUGE-1.5.5's Perl `stem` does.
///
/// ```
/// use epitome_eval::porter::stem_rouge155;
/// assert_eq!(stem_rouge155("caresses"), "caress");
/// assert_eq!(stem_rouge155("relational"), "relat");
/// // Lin's step-4 change: `-ement`, then `-ment`, then `-ent` are each tried.
/// assert_eq!(stem_rouge155("agreement"), "agreem");
/// ```
pub fn stem_rouge155(word: &str) -> String {
    if word.len() < 3 {
        return word.to_string();
    }
    let p = perl_patterns();
    let initial_y = word.starts_with('y');
    let mut w = if initial_y {
        format!("Y{}", &word[1..])
    } else {
        word.to_string()
    };

    // Step 1a.
    if w.ends_with("sses") || w.ends_with("ies") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && w.len() >= 2 && w.as_bytes()[w.len() - 2] != b's' {
        w.truncate(w.len() - 1);
    }

    // Step 1b.
    if w.ends_with("eed") {
        if p.mgr0.is_match(&w[..w.len() - 3]) {
            w.truncate(w.len() - 1);
        }
    } else if let Some(suffix) = ["ed", "ing"].into_iter().find(|s| w.ends_with(s)) {
        let stem = &w[..w.len() - suffix.len()];
        if p.has_vowel.is_match(stem) {
            w.truncate(stem.len());
            let b = w.as_bytes();
            let n = b.len();
            if w.ends_with("at") || w.ends_with("bl") || w.ends_with("iz") {
                w.push('e');
            } else if n >= 2 && b[n - 1] == b[n - 2] && !b"aeiouylsz".contains(&b[n - 1]) {
                w.truncate(n - 1);
            } else if p.cvc.is_match(&w) {
                w.push('e');
            }
        }
    }

    // Step 1c.
    if w.ends_with('y') && p.has_vowel.is_match(&w[..w.len() - 1]) {
        w.truncate(w.len() - 1);
        w.push('i');
    }

    // Steps 2 and 3.
    for list in [STEP2, STEP3] {
        if let Some((suffix, replacement)) = longest_suffix(&w, list, |(s, _)| s) {
            let stem = &w[..w.len() - suffix.len()];
            if p.mgr0.is_match(stem) {
                w = format!("{stem}{replacement}");
            }
        }
    }

    // Step 4, as changed on 02/14/2004.
    if let Some(suffix) = longest_suffix(&w, STEP4, |s| s) {
        let stem_len = w.len() - suffix.len();
        if p.mgr1.is_match(&w[..stem_len]) {
            w.truncate(stem_len);
        }
    }
    if w.ends_with("ment") && p.mgr1.is_match(&w[..w.len() - 4]) {
        w.truncate(w.len() - 4);
    }
    if w.ends_with("ent") {
        if p.mgr1.is_match(&w[..w.len() - 3]) {
            w.truncate(w.len() - 3);
        }
    } else if (w.ends_with("sion") || w.ends_with("tion")) && p.mgr1.is_match(&w[..w.len() - 3]) {
        w.truncate(w.len() - 3);
    }

    // Step 5.
    if w.ends_with('e') {
        let stem = &w[..w.len() - 1];
        if p.mgr1.is_match(stem) || (p.meq1.is_match(stem) && !p.cvc.is_match(stem)) {
            w.truncate(w.len() - 1);
        }
    }
    if w.ends_with("ll") && p.mgr1.is_match(&w) {
        w.truncate(w.len() - 1);
    }

    if initial_y {
        w.replace_range(0..1, "y");
    }
    w
}

/// Porter's consonant flags of `word`: `y` is a consonant at the start or after a vowel,
/// a vowel after a consonant. One pass, so a long run of `y`s costs linear time.
fn consonant_flags(word: &[u8]) -> Vec<bool> {
    let mut flags: Vec<bool> = Vec::with_capacity(word.len());
    for (i, &ch) in word.iter().enumerate() {
        let cons = match ch {
            b'a' | b'e' | b'i' | b'o' | b'u' => false,
            b'y' => i == 0 || !flags[i - 1],
            _ => true,
        };
        flags.push(cons);
    }
    flags
}

/// Whether `word[i]` is a consonant in Porter's sense.
fn is_consonant(word: &[u8], i: usize) -> bool {
    consonant_flags(&word[..=i])[i]
}

/// Porter's measure m of `stem`: the number of vowel-consonant transitions.
fn measure(stem: &[u8]) -> usize {
    let flags = consonant_flags(stem);
    flags.windows(2).filter(|w| !w[0] && w[1]).count()
}

fn contains_vowel(stem: &[u8]) -> bool {
    consonant_flags(stem).iter().any(|&c| !c)
}

fn ends_double_consonant(w: &[u8]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && is_consonant(w, n - 1)
}

/// Condition *o with NLTK's extension for two-letter stems.
fn ends_cvc(w: &[u8]) -> bool {
    let n = w.len();
    (n >= 3
        && is_consonant(w, n - 3)
        && !is_consonant(w, n - 2)
        && is_consonant(w, n - 1)
        && !matches!(w[n - 1], b'w' | b'x' | b'y'))
        || (n == 2 && !is_consonant(w, 0) && is_consonant(w, 1))
}

/// One rule of NLTK's `_apply_rule_list`: a suffix, its replacement and a condition on
/// the stem left when the suffix is removed.
type Rule<'a> = (&'a str, &'a str, &'a dyn Fn(&[u8]) -> bool);

/// NLTK's `_apply_rule_list`: the first rule whose suffix `w` ends with decides, whether or
/// not its condition holds.
fn apply_rules(w: &str, rules: &[Rule<'_>]) -> String {
    for (suffix, replacement, condition) in rules {
        if let Some(stem) = w.strip_suffix(suffix) {
            return if condition(stem.as_bytes()) {
                format!("{stem}{replacement}")
            } else {
                w.to_string()
            };
        }
    }
    w.to_string()
}

fn positive_measure(stem: &[u8]) -> bool {
    measure(stem) > 0
}

fn measure_gt1(stem: &[u8]) -> bool {
    measure(stem) > 1
}

fn always(_: &[u8]) -> bool {
    true
}

fn nltk_step1a(w: &str) -> String {
    if w.ends_with("ies") && w.len() == 4 {
        return format!("{}ie", &w[..1]);
    }
    apply_rules(
        w,
        &[
            ("sses", "ss", &always),
            ("ies", "i", &always),
            ("ss", "ss", &always),
            ("s", "", &always),
        ],
    )
}

fn nltk_step1b(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ied") {
        return if w.len() == 4 {
            format!("{stem}ie")
        } else {
            format!("{stem}i")
        };
    }
    if let Some(stem) = w.strip_suffix("eed") {
        return if measure(stem.as_bytes()) > 0 {
            format!("{stem}ee")
        } else {
            w.to_string()
        };
    }
    let Some(stem) = ["ed", "ing"]
        .into_iter()
        .filter_map(|s| w.strip_suffix(s))
        .find(|stem| contains_vowel(stem.as_bytes()))
    else {
        return w.to_string();
    };
    for (suffix, replacement) in [("at", "ate"), ("bl", "ble"), ("iz", "ize")] {
        if let Some(base) = stem.strip_suffix(suffix) {
            return format!("{base}{replacement}");
        }
    }
    let b = stem.as_bytes();
    if ends_double_consonant(b) {
        return if matches!(b[b.len() - 1], b'l' | b's' | b'z') {
            stem.to_string()
        } else {
            stem[..stem.len() - 1].to_string()
        };
    }
    if measure(b) == 1 && ends_cvc(b) {
        format!("{stem}e")
    } else {
        stem.to_string()
    }
}

fn nltk_step1c(w: &str) -> String {
    apply_rules(
        w,
        &[("y", "i", &|stem: &[u8]| {
            stem.len() > 1 && is_consonant(stem, stem.len() - 1)
        })],
    )
}

fn nltk_step2(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("alli") {
        if positive_measure(stem.as_bytes()) {
            return nltk_step2(&format!("{stem}al"));
        }
    }
    let logi = |stem: &[u8]| {
        // NLTK checks the measure of the word less its last three letters (`stem + "l"`).
        positive_measure(&w.as_bytes()[..stem.len() + 1])
    };
    apply_rules(
        w,
        &[
            ("ational", "ate", &positive_measure),
            ("tional", "tion", &positive_measure),
            ("enci", "ence", &positive_measure),
            ("anci", "ance", &positive_measure),
            ("izer", "ize", &positive_measure),
            ("bli", "ble", &positive_measure),
            ("alli", "al", &positive_measure),
            ("entli", "ent", &positive_measure),
            ("eli", "e", &positive_measure),
            ("ousli", "ous", &positive_measure),
            ("ization", "ize", &positive_measure),
            ("ation", "ate", &positive_measure),
            ("ator", "ate", &positive_measure),
            ("alism", "al", &positive_measure),
            ("iveness", "ive", &positive_measure),
            ("fulness", "ful", &positive_measure),
            ("ousness", "ous", &positive_measure),
            ("aliti", "al", &positive_measure),
            ("iviti", "ive", &positive_measure),
            ("biliti", "ble", &positive_measure),
            ("fulli", "ful", &positive_measure),
            ("logi", "log", &logi),
        ],
    )
}

fn nltk_step3(w: &str) -> String {
    apply_rules(
        w,
        &[
            ("icate", "ic", &positive_measure),
            ("ative", "", &positive_measure),
            ("alize", "al", &positive_measure),
            ("iciti", "ic", &positive_measure),
            ("ical", "ic", &positive_measure),
            ("ful", "", &positive_measure),
            ("ness", "", &positive_measure),
        ],
    )
}

fn nltk_step4(w: &str) -> String {
    let ion = |stem: &[u8]| measure(stem) > 1 && matches!(stem.last(), Some(b's' | b't'));
    apply_rules(
        w,
        &[
            ("al", "", &measure_gt1),
            ("ance", "", &measure_gt1),
            ("ence", "", &measure_gt1),
            ("er", "", &measure_gt1),
            ("ic", "", &measure_gt1),
            ("able", "", &measure_gt1),
            ("ible", "", &measure_gt1),
            ("ant", "", &measure_gt1),
            ("ement", "", &measure_gt1),
            ("ment", "", &measure_gt1),
            ("ent", "", &measure_gt1),
            ("ion", "", &ion),
            ("ou", "", &measure_gt1),
            ("ism", "", &measure_gt1),
            ("ate", "", &measure_gt1),
            ("iti", "", &measure_gt1),
            ("ous", "", &measure_gt1),
            ("ive", "", &measure_gt1),
            ("ize", "", &measure_gt1),
        ],
    )
}

fn nltk_step5a(w: &str) -> String {
    if let Some(stem) = w.strip_suffix('e') {
        let m = measure(stem.as_bytes());
        if m > 1 || (m == 1 && !ends_cvc(stem.as_bytes())) {
            return stem.to_string();
        }
    }
    w.to_string()
}

fn nltk_step5b(w: &str) -> String {
    if w.ends_with("ll") && measure(&w.as_bytes()[..w.len() - 1]) > 1 {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// NLTK's irregular forms (`NLTK_EXTENSIONS` mode), looked up before any step.
fn nltk_irregular(w: &str) -> Option<&'static str> {
    Some(match w {
        "sky" | "skies" => "sky",
        "dying" => "die",
        "lying" => "lie",
        "tying" => "tie",
        "news" => "news",
        "innings" | "inning" => "inning",
        "outings" | "outing" => "outing",
        "cannings" | "canning" => "canning",
        "howe" => "howe",
        "proceed" => "proceed",
        "exceed" => "exceed",
        "succeed" => "succeed",
        _ => return None,
    })
}

/// Stems `word` (lowercase ASCII) exactly as NLTK's `PorterStemmer().stem` does in its
/// default `NLTK_EXTENSIONS` mode, the stemmer of `rouge-score`'s `use_stemmer=True`.
///
/// ```
/// use epitome_eval::porter::stem_nltk;
/// assert_eq!(stem_nltk("caresses"), "caress");
/// assert_eq!(stem_nltk("dying"), "die");
/// assert_eq!(stem_nltk("agreement"), "agreement");
/// ```
pub fn stem_nltk(word: &str) -> String {
    if let Some(s) = nltk_irregular(word) {
        return s.to_string();
    }
    if word.len() <= 2 {
        return word.to_string();
    }
    let w = nltk_step1a(word);
    let w = nltk_step1b(&w);
    let w = nltk_step1c(&w);
    let w = nltk_step2(&w);
    let w = nltk_step3(&w);
    let w = nltk_step4(&w);
    let w = nltk_step5a(&w);
    nltk_step5b(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rouge155_classic_examples() {
        for (w, s) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("cats", "cat"),
            ("feed", "feed"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("sing", "sing"),
            ("conflated", "conflat"),
            ("hopping", "hop"),
            ("falling", "fall"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("conditional", "condit"),
            ("hopeful", "hope"),
            ("goodness", "good"),
            ("adjustment", "adjust"),
            ("dependent", "depend"),
            ("adoption", "adopt"),
            ("controll", "control"),
            ("generalizations", "gener"),
            ("yelling", "yell"),
            ("youth", "youth"),
        ] {
            assert_eq!(stem_rouge155(w), s, "{w}");
        }
    }

    #[test]
    fn rouge155_step4_change() {
        // -ement does not apply (m of "agr" is 1), -ment does not (m of "agree" is 1),
        // but -ent does (m of "agreem" is 2): Lin's 2004 change, kept as ROUGE ships it.
        assert_eq!(stem_rouge155("agreement"), "agreem");
        assert_eq!(stem_rouge155("replacement"), "replac");
    }

    #[test]
    fn nltk_examples() {
        for (w, s) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("ties", "tie"),
            ("cried", "cri"),
            ("died", "die"),
            ("happy", "happi"),
            ("enjoy", "enjoy"),
            ("generously", "gener"),
            ("radically", "radic"),
            ("analogous", "analog"),
            ("running", "run"),
            ("skies", "sky"),
            ("controlling", "control"),
            ("fly", "fli"),
            ("archaeology", "archaeolog"),
        ] {
            assert_eq!(stem_nltk(w), s, "{w}");
        }
    }
}
