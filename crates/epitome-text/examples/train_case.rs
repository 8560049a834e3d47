//! Trains the built-in English case lexicon, `models/case-en.txt`: the words whose usual
//! written form, away from sentence starts, is not lowercase. A [`CaseModel`] falls back
//! to it for words a cluster never writes cased (every document lowercased).
//!
//! ```text
//! cargo run --release -p epitome-text --example rustdocs_corpus   # target/corpus/rustdocs.txt
//! cargo run --release -p epitome-text --example train_case -- [--out PATH] [--no-names]
//!     [--no-project] [--rustdocs PATH | --no-rustdocs] [--min-count N] [--min-share S]
//! ```
//!
//! Three sources, counted together:
//! - `names`: a list of names written for this example (months, days, continents,
//!   countries, nationalities and languages, cities, regions, rivers and mountains, US
//!   states, historical states and peoples, religions, holidays, organisations); each
//!   counts as [`NAME_WEIGHT`] sightings of its form;
//! - `project`: the project's own prose: README.md, docs/ (not the benchmark report,
//!   which names evaluation sets), examples/ and testdata/ (Markdown code removed), cut
//!   into sentences by the project's splitter;
//! - `rustdocs`: the rust-docs books (MIT/Apache-2.0), one sentence per line, as the
//!   `rustdocs_corpus` example writes them; skipped with a message when absent.
//!
//! A word is kept when its most frequent form away from sentence starts is capitalized
//! (`Paris`) or a short acronym (`NASA`), seen at least `--min-count` times (default 5),
//! and at least `--min-share` (default 0.9) of all its sightings. Stopwords, single
//! letters and tokens that look like code (`Vec::new`, `bits()`, `snake_case`, `PathBuf`)
//! are never kept. The output is sorted, one form per line, under a header saying how it
//! was made. The source texts are read at run time and never committed.
//!
//! [`CaseModel`]: epitome_text::CaseModel

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use epitome_text::{segment_document, SegmentMode, SentencexSplitter};

/// How many sightings one entry of the names list counts as.
const NAME_WEIGHT: u32 = 20;

/// Names whose written form is not in doubt, written for this example. Words that are
/// also common lowercase English (`may`, `march`, `turkey`, `polish`, `guinea`,
/// `jersey`, `nice`, `reading`) are left out on purpose.
const NAMES: &str = "
January February April June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
Christmas Easter Halloween Thanksgiving Ramadan Hanukkah Passover Diwali
Africa Antarctica Asia Australia Europe America Arctic Atlantic Pacific Mediterranean
African Asian Australian European American Antarctic Caribbean Scandinavian Balkan
Afghanistan Albania Algeria Argentina Armenia Austria Bangladesh Belgium Bolivia Bosnia
Brazil Bulgaria Cambodia Cameroon Canada Chile China Colombia Croatia Cuba Cyprus Denmark
Ecuador Egypt England Estonia Ethiopia Finland France Germany Ghana Greece Guatemala Haiti
Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan
Jordan Kazakhstan Kenya Korea Kosovo Kuwait Laos Latvia Lebanon Liberia Libya Lithuania
Luxembourg Madagascar Malaysia Mali Mexico Moldova Mongolia Morocco Mozambique Myanmar
Nepal Netherlands Nicaragua Niger Nigeria Norway Pakistan Palestine Panama Paraguay Peru
Philippines Poland Portugal Qatar Romania Russia Rwanda Scotland Senegal Serbia Singapore
Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan Tanzania Thailand
Tunisia Uganda Ukraine Uruguay Venezuela Vietnam Wales Yemen Zambia Zimbabwe Britain
Afghan Albanian Algerian Argentine Argentinian Armenian Austrian Belgian Bolivian Bosnian
Brazilian Bulgarian Cambodian Canadian Chilean Chinese Colombian Croatian Cuban Czech
Danish Dutch Egyptian English Estonian Ethiopian Finnish French German Greek Haitian
Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Jamaican
Japanese Jordanian Kenyan Korean Kurdish Latvian Lebanese Libyan Lithuanian Malaysian
Mexican Mongolian Moroccan Nepalese Nigerian Norwegian Pakistani Palestinian Persian
Peruvian Filipino Portuguese Romanian Russian Rwandan Scottish Serbian Slovak Slovenian
Somali Spanish Sudanese Swedish Swiss Syrian Taiwanese Thai Tunisian Turkish Ugandan
Ukrainian Venezuelan Vietnamese Welsh British Hispanic Latino Arab Arabic Hebrew Hindi
Urdu Bengali Swahili Latin Sanskrit Mandarin Cantonese Yiddish Celtic Gaelic Roman
Christian Christianity Catholic Protestant Muslim Islam Islamic Jewish Judaism Hindu
Hinduism Buddhist Buddhism Sikh Bible Quran Koran Torah Jesus Christ Muhammad Buddha
London Paris Berlin Rome Madrid Moscow Tokyo Beijing Shanghai Delhi Mumbai Cairo Lagos
Nairobi Istanbul Athens Vienna Prague Budapest Warsaw Dublin Edinburgh Glasgow Manchester
Liverpool Oxford Cambridge Amsterdam Brussels Geneva Zurich Stockholm Oslo Copenhagen
Helsinki Lisbon Barcelona Milan Venice Florence Naples Munich Hamburg Frankfurt Toronto
Montreal Vancouver Sydney Melbourne Auckland Jerusalem Baghdad Tehran Dubai Karachi
Bangkok Singapore Jakarta Manila Seoul Hanoi Havana Lima Bogota Santiago Chicago Boston
Seattle Atlanta Houston Dallas Denver Detroit Miami Philadelphia Pittsburgh Baltimore
Hollywood Brooklyn Manhattan Harlem Texas California Florida Alabama Alaska Arizona
Arkansas Colorado Connecticut Delaware Hawaii Idaho Illinois Indiana Iowa Kansas
Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri
Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Utah Vermont
Virginia Wisconsin Wyoming Carolina Dakota Hampshire Mexico Washington Ontario Quebec
Yorkshire Thames Amazon Nile Danube Rhine Himalaya Himalayas Alps Everest Sahara
Internet Google Facebook Twitter Microsoft Wikipedia
Andorra Angola Azerbaijan Bahrain Barbados Belarus Belize Benin Bhutan Botswana Brunei
Burundi Burma Congo Djibouti Eritrea Eswatini Fiji Gabon Gambia Georgia Guyana Kyrgyzstan
Lesotho Liechtenstein Malawi Maldives Malta Mauritania Mauritius Monaco Montenegro Namibia
Oman Samoa Seychelles Suriname Tajikistan Togo Tonga Trinidad Tobago Turkmenistan
Uzbekistan Vanuatu Zaire Macedonia Czechia Tibet Greenland Zealand Lanka Leone Rica
Salvador Emirates Arabia Bahamas Bermuda
Sicily Sardinia Corsica Crete Bavaria Prussia Saxony Catalonia Andalusia Tuscany Lombardy
Normandy Brittany Provence Flanders Siberia Crimea Chechnya Kashmir Punjab Bengal Gujarat
Kerala Macau Manchuria Mesopotamia Anatolia Persia Byzantium Yugoslavia Czechoslovakia
Rhodesia Ceylon Siam Babylon Assyria Sparta Carthage Scandinavia Iberia Caucasus Balkans
Baltic Caspian Adriatic Aegean Andes Rockies Pyrenees Urals Sinai Gaza Galilee Jericho
Bethlehem Nazareth Mecca Medina Riyadh Jeddah Kabul Kandahar Islamabad Lahore Kolkata
Calcutta Chennai Bangalore Hyderabad Dhaka Colombo Kathmandu Yangon Rangoon Saigon Kyoto
Osaka Hiroshima Nagasaki Yokohama Pyongyang Taipei Tashkent Almaty Baku Tbilisi Yerevan
Ankara Beirut Damascus Amman Tripoli Tunis Algiers Casablanca Rabat Khartoum Mogadishu
Kampala Kigali Kinshasa Accra Dakar Abuja Johannesburg Pretoria Durban Harare Lusaka
Luanda Maputo Caracas Quito Montevideo Brasilia Janeiro Paulo Aires Tijuana Guadalajara
Monterrey Acapulco Reykjavik Tallinn Riga Vilnius Minsk Kiev Kyiv Odessa Bucharest
Belgrade Zagreb Sarajevo Ljubljana Bratislava Skopje Tirana Nicosia Salzburg Innsbruck
Bern Lausanne Basel Lyon Marseille Bordeaux Toulouse Strasbourg Versailles Cologne Dresden
Leipzig Stuttgart Bonn Nuremberg Antwerp Rotterdam Seville Valencia Bilbao Porto Turin
Genoa Bologna Palermo Verona Pisa Krakow Gdansk Leningrad Petersburg Stalingrad
Vladivostok Belfast Cardiff Bristol Birmingham Leeds Sheffield Newcastle Nottingham
Southampton Brighton Cornwall Devon Essex Sussex Surrey Wessex Ulster Dundee Aberdeen
Lancashire Ottawa Calgary Edmonton Winnipeg Alberta Manitoba Saskatchewan Newfoundland
Yukon Brisbane Adelaide Canberra Tasmania Queensland Christchurch Nashville Memphis
Cleveland Cincinnati Indianapolis Milwaukee Minneapolis Louisville Sacramento Oakland
Honolulu Anchorage Tucson Albuquerque Omaha Tulsa Jacksonville Tampa Orlando Berkeley
Stanford Harvard Yale Princeton Cornell Bronx Broadway Yosemite Yellowstone Potomac
Niagara Euphrates Tigris Ganges Indus Yangtze Mekong Volga Dnieper Seine Loire Tiber Elbe
Vistula Zambezi Kilimanjaro Olympus Vesuvius Etna Gibraltar Bosphorus Dardanelles Suez
Hormuz Galapagos Azores Hebrides Orkney Shetland
Angolan Azerbaijani Belarusian Burmese Congolese Cypriot Emirati Eritrean Georgian
Ghanaian Guatemalan Kazakh Kuwaiti Maltese Moldovan Montenegrin Namibian Nicaraguan Omani
Panamanian Paraguayan Qatari Salvadoran Saudi Senegalese Sicilian Sardinian Corsican
Bavarian Prussian Catalan Basque Flemish Siberian Crimean Chechen Kashmiri Punjabi Tamil
Tibetan Mongol Ottoman Byzantine Soviet Yugoslav Babylonian Assyrian Spartan Athenian
Macedonian Mughal Tudor Victorian Elizabethan Edwardian Napoleonic Nordic Iberian Slavic
Germanic Anglo Saxon Norman Viking Aztec Mayan Inca Texan Californian Hawaiian Alaskan
Parisian Londoner Venetian Florentine Viennese Arabian Caucasian Habsburg Napoleon
Anglican Baptist Methodist Lutheran Presbyterian Mormon Quaker Shia Sunni Shiite Allah
Kremlin Pentagon Westminster Capitol Vatican Holocaust Brexit Olympics Olympic Oscar
Oscars Grammy Emmy Nobel Pulitzer
Reuters Netflix YouTube Instagram Tesla Toyota Boeing Airbus Walmart Starbucks Samsung
Sony Nokia Intel Yahoo Reddit Spotify
OPEC IMF OECD WTO NAACP ACLU FDA EPA IRS NSA NYPD LAPD KGB CBS NPR PBS HBO ESPN MTV UEFA
NHL MLB NCAA NASCAR IBM
NASA NATO UNESCO UNICEF FBI CIA BBC CNN NBA NFL FIFA NHS USA UK EU
Mr Mrs Ms Dr Prof St Jr Sr
";

/// How the corpora were read, for the header of the output.
#[derive(Default)]
struct Stats {
    sources: Vec<String>,
}

/// Counts of the written forms of each lowercase word, away from sentence starts, and the
/// words seen capitalized inside code (`Arc<T>`, `Dog::new`): type names, not names.
#[derive(Default)]
struct Counts {
    forms: HashMap<String, HashMap<String, u32>>,
    code: HashSet<String>,
}

impl Counts {
    fn add(&mut self, form: &str, n: u32) {
        *self
            .forms
            .entry(form.to_lowercase())
            .or_default()
            .entry(form.to_owned())
            .or_insert(0) += n;
    }

    /// Counts the words of one sentence. Skipped: its first word, words that may start a
    /// clause (after `:` or `.`, or opening a quote or bracket), and capitalized words
    /// next to another capitalized word (`Certificate Authority`: a part of a longer name
    /// says little about the word alone; the cluster's own evidence covers such names).
    fn sentence(&mut self, sentence: &str) {
        let tokens: Vec<&str> = sentence.split_whitespace().collect();
        let words: Vec<Option<&str>> = tokens.iter().map(|t| clean_word(t)).collect();
        let capital = |i: usize| {
            words
                .get(i)
                .copied()
                .flatten()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        };
        for (i, raw) in tokens.iter().enumerate() {
            if is_code(raw) {
                for part in raw.split(|c: char| !c.is_alphabetic()) {
                    if part.chars().next().is_some_and(char::is_uppercase) {
                        self.code.insert(part.to_lowercase());
                    }
                }
                continue;
            }
            let starts_clause = i == 0 || tokens[i - 1].ends_with([':', '.', '!', '?']);
            let opens = raw.starts_with(['"', '“', '‘', '\'', '(', '[', '*', '-', '—']);
            let Some(word) = words[i] else { continue };
            if starts_clause || opens {
                continue;
            }
            if capital(i) && ((i > 1 && capital(i - 1)) || capital(i + 1)) {
                continue;
            }
            // A label before a number (`Listing 8-20`, `Fig. 3`) is not a name.
            let numbered = tokens
                .get(i + 1)
                .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()));
            if capital(i) && numbered {
                continue;
            }
            self.add(word, 1);
        }
    }
}

/// Whether a token holds code characters (`Vec::new`, `bits()`, `snake_case`) once the
/// punctuation of prose around it (`(CA),`) is taken off.
fn is_code(raw: &str) -> bool {
    let t = raw.trim_end_matches([',', '.', ';', ':', '!', '?', '"', '\'', '’', '”']);
    let t = match t.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => inner,
        None => t
            .trim_start_matches(['(', '"', '“', '\'', '‘'])
            .trim_end_matches(')'),
    };
    t.contains(|c: char| "_:()<>{}[]=&*#/\\`|$@%^~+".contains(c))
}

/// The word of a whitespace token, if it is one: outer punctuation stripped, letters
/// with at most an inner apostrophe, no code characters; a possessive `'s` taken off.
fn clean_word(raw: &str) -> Option<&str> {
    if is_code(raw) {
        return None;
    }
    let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
    // A possessive counts as its word (the lexicon looks `rust's` up as `rust`).
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    if w.chars().count() < 2
        || !w
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
    {
        return None;
    }
    Some(w)
}

/// Capitalized (`Paris`, `Paris's`) or a short acronym (`NASA`): the shapes kept.
fn kept_shape(form: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    let first_upper = letters.first().is_some_and(|c| c.is_uppercase());
    let capitalized = first_upper && upper == 1;
    let acronym = upper == letters.len() && (2..=6).contains(&letters.len());
    capitalized || acronym
}

/// Prose sentences of a Markdown or text file: fenced code, indented code, tables and
/// inline code spans removed, then cut by the project's splitter.
fn prose_sentences(text: &str, splitter: &SentencexSplitter) -> Vec<String> {
    let mut prose = String::new();
    let mut fenced = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("```") {
            fenced = !fenced;
            prose.push('\n');
            continue;
        }
        if fenced || line.starts_with("    ") || t.starts_with('|') {
            prose.push('\n');
            continue;
        }
        // Inline code spans go; the words around them stay.
        let mut code = false;
        for part in line.split('`') {
            if !code {
                prose.push_str(part.trim_start_matches('#').trim_start_matches(['-', '>']));
            }
            code = !code;
        }
        prose.push('\n');
    }
    segment_document(&prose, splitter, SegmentMode::Prose)
        .into_iter()
        .map(|r| prose[r].replace('\n', " "))
        .collect()
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else if p.extension().is_some_and(|e| e == "md" || e == "txt") {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let mut out = root.join("crates/epitome-text/models/case-en.txt");
    let mut rustdocs = Some(root.join("target/corpus/rustdocs.txt"));
    let (mut names, mut project) = (true, true);
    let (mut min_count, mut min_share) = (5u32, 0.9f64);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = PathBuf::from(args.next().expect("--out PATH")),
            "--rustdocs" => rustdocs = Some(PathBuf::from(args.next().expect("--rustdocs PATH"))),
            "--no-rustdocs" => rustdocs = None,
            "--no-names" => names = false,
            "--no-project" => project = false,
            "--min-count" => {
                min_count = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--min-count N")
            }
            "--min-share" => {
                min_share = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--min-share S")
            }
            _ => panic!("unknown argument {a}"),
        }
    }

    let mut counts = Counts::default();
    let mut stats = Stats::default();
    let splitter = SentencexSplitter::new("en");
    if project {
        let mut files = vec![root.join("README.md")];
        for dir in ["docs", "examples", "testdata"] {
            files_under(&root.join(dir), &mut files);
        }
        // The benchmark report names evaluation sets and systems (`GUM`, `DUC`), which
        // are not names the summarizer meets, and `gum` is a common word.
        files.retain(|f| !f.ends_with("docs/BENCHMARKS.md"));
        let mut n = 0;
        for f in &files {
            let Ok(text) = std::fs::read_to_string(f) else {
                continue;
            };
            for s in prose_sentences(&text, &splitter) {
                counts.sentence(&s);
                n += 1;
            }
        }
        stats.sources.push(format!(
            "project: {n} sentences of README.md, docs/, examples/, testdata/ ({} files)",
            files.len()
        ));
    }
    match &rustdocs {
        Some(p) if p.exists() => {
            let text = std::fs::read_to_string(p).expect("the rust-docs corpus is UTF-8");
            let mut n = 0;
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                counts.sentence(line);
                n += 1;
            }
            stats.sources.push(format!(
                "rustdocs: {n} sentences of the rust-docs books (MIT/Apache-2.0), from the rustdocs_corpus example"
            ));
        }
        Some(p) => eprintln!(
            "skipping the rust-docs corpus: {} not found (run the rustdocs_corpus example)",
            p.display()
        ),
        None => {}
    }
    let names_set: HashSet<String> = if names {
        NAMES.split_whitespace().map(str::to_lowercase).collect()
    } else {
        HashSet::new()
    };
    if names {
        let list: Vec<&str> = NAMES.split_whitespace().collect();
        for form in &list {
            counts.add(form, NAME_WEIGHT);
        }
        stats.sources.push(format!(
            "names: {} names written for train_case.rs",
            list.len()
        ));
    }

    let stopwords: HashSet<&str> = stop_words::lookup("en")
        .expect("English stopwords")
        .iter()
        .copied()
        .collect();
    let mut kept: BTreeMap<String, String> = BTreeMap::new();
    for (lower, forms) in &counts.forms {
        if stopwords.contains(lower.as_str())
            || lower.chars().count() < 2
            || (counts.code.contains(lower) && !names_set.contains(lower.as_str()))
        {
            continue;
        }
        let total: u32 = forms.values().sum();
        let (best, &n) = forms
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .expect("a counted word has a form");
        if best == lower || !kept_shape(best) || best.to_lowercase().len() != best.len() {
            continue;
        }
        if n >= min_count && f64::from(n) >= min_share * f64::from(total) {
            kept.insert(lower.clone(), best.clone());
        }
    }

    let mut text = String::new();
    text.push_str("# epitome case lexicon (English): words whose usual form is not lowercase.\n");
    text.push_str("# Made by `cargo run --release -p epitome-text --example train_case`; see models/README.md.\n");
    for s in &stats.sources {
        text.push_str(&format!("# {s}\n"));
    }
    text.push_str(&format!(
        "# kept: capitalized or acronym, >= {min_count} sightings away from sentence starts, >= {min_share} of them; no stopwords\n"
    ));
    for form in kept.values() {
        text.push_str(form);
        text.push('\n');
    }
    std::fs::create_dir_all(out.parent().expect("a file path")).expect("the output folder");
    std::fs::write(&out, &text).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    eprintln!("{} words -> {}", kept.len(), out.display());
    for s in &stats.sources {
        eprintln!("  {s}");
    }
}
