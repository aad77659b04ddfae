//! How each entry of a zip is stored: as is for content that is already compressed, deflated
//! otherwise.

/// How a zip stores its entries.
///
/// ```
/// use ferry_ui::files::{FileSource, Compression};
/// let photos = FileSource::zip(["a.jpg", "b.jpg"]).compression(Compression::Stored);
/// # let _ = photos;
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Compression {
    /// Stored for types that are already compressed (images, audio, video, archives, office
    /// documents, fonts: by extension or MIME type), deflated otherwise. The default.
    #[default]
    Auto,
    /// Every entry stored as is: the zip gets a `Content-Length` (every size is known ahead)
    /// and costs no CPU.
    Stored,
    /// Every entry deflated.
    Deflate,
}

/// The method of one entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Method {
    /// Kept as is (zip method 0).
    Stored,
    /// Deflated (zip method 8).
    Deflate,
}

impl Method {
    /// The method number in the zip headers.
    pub(super) fn code(self) -> u16 {
        match self {
            Method::Stored => 0,
            Method::Deflate => 8,
        }
    }
}

/// Extensions of formats that are compressed already: deflating them again wastes CPU for
/// nothing.
const COMPRESSED_EXTENSIONS: &[&str] = &[
    // archives and compressed streams
    "zip", "gz", "tgz", "bz2", "tbz2", "xz", "txz", "zst", "lz", "lz4", "lzma", "7z", "rar", "br",
    "cab", "jar", "war", "apk", "aab", "ipa", "whl", "crate", "deb", "rpm", "dmg", "snap",
    // images
    "png", "jpg", "jpeg", "jfif", "gif", "webp", "avif", "heic", "heif", "jxl", "jp2",
    // audio and video
    "mp3", "m4a", "aac", "ogg", "oga", "opus", "flac", "wma", "mp4", "m4v", "mov", "mkv", "webm",
    "avi", "wmv", "flv", "3gp",
    // documents and fonts that are zips or compressed inside
    "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "woff", "woff2", "pdf",
];

/// The method for an entry named `name` of type `content_type` under `compression`.
pub(crate) fn method_for(compression: Compression, name: &str, content_type: &str) -> Method {
    match compression {
        Compression::Stored => Method::Stored,
        Compression::Deflate => Method::Deflate,
        Compression::Auto if already_compressed(name, content_type) => Method::Stored,
        Compression::Auto => Method::Deflate,
    }
}

/// Whether the content is compressed already, by its extension or its MIME type.
fn already_compressed(name: &str, content_type: &str) -> bool {
    let by_name = name.rsplit_once('.').is_some_and(|(_, ext)| {
        COMPRESSED_EXTENSIONS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(ext))
    });
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    let (kind, subtype) = essence.split_once('/').unwrap_or((essence, ""));
    let by_type = match kind {
        "image" => !subtype.starts_with("svg") && subtype != "bmp" && subtype != "x-ms-bmp",
        "audio" | "video" => !subtype.starts_with("wav") && subtype != "x-wav",
        "font" => true,
        "application" => matches!(
            subtype,
            "zip"
                | "gzip"
                | "x-gzip"
                | "x-bzip2"
                | "x-xz"
                | "zstd"
                | "x-7z-compressed"
                | "vnd.rar"
                | "x-rar-compressed"
                | "pdf"
                | "epub+zip"
                | "java-archive"
        ),
        _ => false,
    };
    by_name || by_type
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_types_are_stored_and_text_deflated() {
        let auto = |name, ct| method_for(Compression::Auto, name, ct);
        assert_eq!(auto("photo.JPG", "image/jpeg"), Method::Stored);
        assert_eq!(auto("a.png", "image/png"), Method::Stored);
        assert_eq!(auto("clip.mp4", "video/mp4"), Method::Stored);
        assert_eq!(auto("b.tar.gz", "application/gzip"), Method::Stored);
        assert_eq!(auto("inner.zip", "application/zip"), Method::Stored);
        assert_eq!(auto("blob", "image/webp"), Method::Stored, "by type");
        assert_eq!(
            auto("notes.txt", "text/plain; charset=utf-8"),
            Method::Deflate
        );
        assert_eq!(auto("t.csv", "text/csv"), Method::Deflate);
        assert_eq!(auto("d.svg", "image/svg+xml"), Method::Deflate);
        assert_eq!(auto("s.wav", "audio/wav"), Method::Deflate);
        assert_eq!(auto("x.bin", "application/octet-stream"), Method::Deflate);
        assert_eq!(
            method_for(Compression::Stored, "a.txt", "text/plain"),
            Method::Stored
        );
        assert_eq!(
            method_for(Compression::Deflate, "a.png", "image/png"),
            Method::Deflate
        );
    }
}
