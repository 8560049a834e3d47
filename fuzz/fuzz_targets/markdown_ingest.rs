//! Markdown ingest on arbitrary bytes: never panics, and the text maps into the source.
#![no_main]

use epitome_text::{read_source, IngestOptions, InputFormat};
use libfuzzer_sys::fuzz_target;

mod check;

fuzz_target!(|data: &[u8]| {
    for keep_code in [false, true] {
        let options = IngestOptions {
            format: Some(InputFormat::Markdown),
            keep_code,
        };
        for d in read_source("fuzz.md", None, data.to_vec(), &options, &mut Vec::new()) {
            if d.encoding == "UTF-8" {
                check::map_is_sound(d.doc.text(), d.doc.original());
            }
        }
    }
});
