//! Renders the app's icon, `assets/icon/shiquan.svg`, to the files the packages and the window
//! use (issue 21): `shiquan-N.png` for N in 16, 24, 32, 48, 64, 128, 256 (the hicolor sizes
//! of the Linux desktop; the window takes the 256 one) and `shiquan.ico` (every size, each
//! entry a PNG, as Windows has read them since Vista) for the Windows exe's resource.
//!
//! The rendered files are committed, so that packaging needs no renderer; run
//! `cargo run --example write_icons` after changing the SVG.

use std::path::Path;

use anyhow::{Context as _, bail};
use resvg::{tiny_skia, usvg};

/// The sizes rendered, in pixels.
const SIZES: [u32; 7] = [16, 24, 32, 48, 64, 128, 256];

fn main() -> anyhow::Result<()> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icon");
    let svg = std::fs::read_to_string(folder.join("shiquan.svg")).context("reading the SVG")?;
    let tree = usvg::Tree::from_str(&svg, &usvg::Options::default())?;
    let mut pngs = Vec::new();
    for size in SIZES {
        let png = render(&tree, size)?;
        std::fs::write(folder.join(format!("shiquan-{size}.png")), &png)?;
        pngs.push((size, png));
    }
    std::fs::write(folder.join("shiquan.ico"), ico(&pngs)?)?;
    println!(
        "wrote {} PNGs and shiquan.ico in {}",
        pngs.len(),
        folder.display()
    );
    Ok(())
}

/// The icon at `size` × `size` pixels, as PNG.
fn render(tree: &usvg::Tree, size: u32) -> anyhow::Result<Vec<u8>> {
    let Some(mut pixmap) = tiny_skia::Pixmap::new(size, size) else {
        bail!("cannot make a {size}×{size} image");
    };
    let scale = size as f32 / tree.size().width();
    resvg::render(
        tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap.encode_png()?)
}

/// An ICO file of PNG entries: a 6-byte header, a 16-byte directory entry per image, then the
/// images (a size of 256 is written as 0, as the format requires).
fn ico(pngs: &[(u32, Vec<u8>)]) -> anyhow::Result<Vec<u8>> {
    let count = u16::try_from(pngs.len())?;
    let mut out = Vec::new();
    out.extend_from_slice(&[0, 0, 1, 0]);
    out.extend_from_slice(&count.to_le_bytes());
    let mut offset = 6 + 16 * u32::from(count);
    for (size, png) in pngs {
        let side = u8::try_from(*size).unwrap_or(0);
        out.extend_from_slice(&[side, side, 0, 0]);
        out.extend_from_slice(&1u16.to_le_bytes()); // colour planes
        out.extend_from_slice(&32u16.to_le_bytes()); // bits per pixel
        let len = u32::try_from(png.len())?;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        offset += len;
    }
    for (_, png) in pngs {
        out.extend_from_slice(png);
    }
    Ok(out)
}
