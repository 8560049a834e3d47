//! Adds a sequence network (a sequence file written by
//! `scripts/train_boundary_sequence.py`) to a boundary model and writes the result.
//!
//! ```text
//! cargo run --release -p epitome-text --example attach_sequence -- SEQUENCE_FILE \
//!     [--model crates/epitome-text/models/boundary-en.bin] [--out FILE]
//! ```
//!
//! The model defaults to the built-in one, and the output to the built-in model's file.
//! The sequence file carries the decoder settings chosen for the two together on the
//! held-out texts, and they replace the model's.

use std::path::{Path, PathBuf};

use epitome_text::BoundaryModel;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sequence: Option<PathBuf> = None;
    let mut model_path: Option<PathBuf> = None;
    let mut out = root.join("models/boundary-en.bin");
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--model" => model_path = Some(it.next().ok_or("--model FILE")?.into()),
            "--out" => out = it.next().ok_or("--out FILE")?.into(),
            _ => sequence = Some(a.into()),
        }
    }
    let sequence = sequence.ok_or("usage: attach_sequence SEQUENCE_FILE [--model F] [--out F]")?;
    let mut model = match model_path {
        Some(p) => BoundaryModel::from_bytes(&std::fs::read(p)?)?,
        None => BoundaryModel::builtin()
            .ok_or("the built-in model is corrupt")?
            .clone(),
    };
    model.attach_sequence(&std::fs::read(&sequence)?)?;
    let bytes = model.to_bytes();
    BoundaryModel::from_bytes(&bytes)?;
    std::fs::write(&out, &bytes)?;
    let (offset, weight) = model.decoding();
    println!(
        "wrote {} ({} bytes): sequence network {:?}, weight {:.3}, offset {offset:.3}, prior weight {weight}, rate matching {}",
        out.display(),
        bytes.len(),
        model.sequence_shape().expect("attached"),
        model.sequence_weight().expect("attached"),
        model.rate_matching()
    );
    Ok(())
}
