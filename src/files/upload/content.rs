//! The content check: a file whose name claims an image, audio, video, a PDF or a zip archive
//! must start with the bytes of one, when the app restricts the accepted types.
//!
//! The name check ([`type_allowed`](super::type_allowed)) trusts the extension: an HTML page
//! named `notimage.png`, `evil.html%00.png` or `evil.html:x.png` (after the file-name policy,
//! `evil.html_x.png`) passes it. So the first [`SNIFF_BYTES`] of the part are held in memory
//! (never written) and judged by the `infer` magic-number crate before anything reaches the
//! disk; a file whose bytes do not match its name is refused with 415 and no byte of it is
//! stored.
//!
//! Which names are checked, and against what:
//!
//! | the name's type (guessed from its extension) | its first bytes must be |
//! |---|---|
//! | an image type `infer` recognises (`.png`, `.jpg`, `.gif`, `.webp`, `.bmp`, `.tif`, `.ico`, `.avif`, …) | any image `infer` recognises |
//! | an audio or video type `infer` recognises (`.mp3`, `.wav`, `.ogg`, `.flac`, `.m4a`, `.mp4`, `.webm`, `.mkv`, `.mov`, …) | any audio or video |
//! | `application/pdf` (`.pdf`) | `%PDF` within the first 1024 bytes |
//! | `application/zip` (`.zip`) | a zip signature |
//!
//! A JPEG named `.png` is still an image and passes: the check refuses content of another
//! kind, not a wrong extension within the family. Types the crate cannot recognise are
//! accepted by name: text (`.csv`, `.txt`, `.json`), SVG (XML text), and image or media types
//! it has no signature for.

use bytes::Bytes;

use crate::files::mime::content_type_for;

/// How many leading bytes are held and judged: more than every signature checked here needs.
pub(crate) const SNIFF_BYTES: usize = 4096;

/// A kind of content that a file name claims and whose leading bytes can be checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Claim {
    Image,
    AudioOrVideo,
    Pdf,
    Zip,
}

impl Claim {
    /// The kind of content `name` claims, when its leading bytes can tell.
    pub(crate) fn of(name: &str) -> Option<Claim> {
        let guessed = content_type_for(name);
        let essence = guessed.split(';').next().unwrap_or_default().trim();
        let extension = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .unwrap_or_default();
        let recognised = || infer::is_mime_supported(essence) || infer::is_supported(&extension);
        match essence.split_once('/') {
            Some(("application", "pdf")) => Some(Claim::Pdf),
            Some(("application", "zip")) => Some(Claim::Zip),
            Some(("image", _)) if recognised() => Some(Claim::Image),
            Some(("audio" | "video", _)) if recognised() => Some(Claim::AudioOrVideo),
            _ => None,
        }
    }

    /// Whether `head`, a file's first bytes (all of them when it is shorter than
    /// [`SNIFF_BYTES`]), holds content of this kind.
    pub(crate) fn matches(self, head: &[u8]) -> bool {
        match self {
            Claim::Image => infer::is_image(head),
            Claim::AudioOrVideo => infer::is_audio(head) || infer::is_video(head),
            Claim::Pdf => infer::archive::is_pdf(head),
            Claim::Zip => infer::archive::is_zip(head),
        }
    }

    /// The kind, as a message names it.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Claim::Image => "an image",
            Claim::AudioOrVideo => "audio or video",
            Claim::Pdf => "a PDF document",
            Claim::Zip => "a zip archive",
        }
    }
}

/// Holds a part's first chunks until its first [`SNIFF_BYTES`] can be judged, then lets every
/// chunk through. Holds at most [`SNIFF_BYTES`] plus one chunk.
#[derive(Debug)]
pub(crate) struct Sniffer {
    /// What the name claims; `None` once judged (or when nothing is to be checked).
    pending: Option<Claim>,
    held: Vec<Bytes>,
    held_len: usize,
}

impl Sniffer {
    /// A sniffer for a file that claims `claim` (`None`: nothing to check).
    pub(crate) fn new(claim: Option<Claim>) -> Self {
        Sniffer {
            pending: claim,
            held: Vec::new(),
            held_len: 0,
        }
    }

    /// Takes the next chunk; returns the chunks that may be written now (none while the head
    /// is still short), or the claim the content does not match.
    pub(crate) fn push(&mut self, chunk: Bytes) -> Result<Vec<Bytes>, Claim> {
        if self.pending.is_none() {
            return Ok(vec![chunk]);
        }
        self.held_len += chunk.len();
        self.held.push(chunk);
        if self.held_len < SNIFF_BYTES {
            return Ok(Vec::new());
        }
        self.judge()
    }

    /// The part ended: judges what is held (the whole file) and returns it.
    pub(crate) fn finish(&mut self) -> Result<Vec<Bytes>, Claim> {
        self.judge()
    }

    fn judge(&mut self) -> Result<Vec<Bytes>, Claim> {
        if let Some(claim) = self.pending.take() {
            let mut head = Vec::with_capacity(self.held_len.min(SNIFF_BYTES));
            for chunk in &self.held {
                let room = SNIFF_BYTES - head.len();
                head.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            if !claim.matches(&head) {
                return Err(claim);
            }
        }
        self.held_len = 0;
        Ok(std::mem::take(&mut self.held))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0";
    const HTML: &[u8] = b"<!DOCTYPE html><html><script>alert(1)</script></html>";
    const MP3: &[u8] = b"ID3\x03\0\0\0\0\0\0";
    const WAV: &[u8] = b"RIFF\x24\0\0\0WAVEfmt ";
    const MP4: &[u8] = b"\0\0\0\x18ftypisom\0\0\x02\0isomiso2";
    const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
    const ZIP: &[u8] = b"PK\x03\x04\x14\0\0\0\x08\0";

    #[test]
    fn claims_by_name() {
        let table = [
            ("a.png", Some(Claim::Image)),
            ("A.JPG", Some(Claim::Image)),
            ("a.jpeg", Some(Claim::Image)),
            ("a.gif", Some(Claim::Image)),
            ("a.webp", Some(Claim::Image)),
            ("a.ico", Some(Claim::Image)),
            ("evil.html%00.png", Some(Claim::Image)),
            ("evil.html_x.png", Some(Claim::Image)),
            ("a.mp3", Some(Claim::AudioOrVideo)),
            ("a.wav", Some(Claim::AudioOrVideo)),
            ("a.flac", Some(Claim::AudioOrVideo)),
            ("a.mp4", Some(Claim::AudioOrVideo)),
            ("a.webm", Some(Claim::AudioOrVideo)),
            ("a.pdf", Some(Claim::Pdf)),
            ("a.zip", Some(Claim::Zip)),
            // Not recognisable by their bytes: accepted by name.
            ("a.svg", None),
            ("a.csv", None),
            ("a.txt", None),
            ("a.json", None),
            ("a.html", None),
            ("a", None),
        ];
        for (name, claim) in table {
            assert_eq!(Claim::of(name), claim, "{name}");
        }
    }

    #[test]
    fn content_matches_its_claim() {
        let table: &[(Claim, &[u8], bool)] = &[
            (Claim::Image, PNG, true),
            (Claim::Image, JPEG, true), // a JPEG named .png is still an image
            (Claim::Image, HTML, false),
            (Claim::Image, b"", false),
            (Claim::Image, PDF, false),
            (Claim::AudioOrVideo, MP3, true),
            (Claim::AudioOrVideo, WAV, true),
            (Claim::AudioOrVideo, MP4, true),
            (Claim::AudioOrVideo, HTML, false),
            (Claim::AudioOrVideo, PNG, false),
            (Claim::Pdf, PDF, true),
            (Claim::Pdf, HTML, false),
            (Claim::Zip, ZIP, true),
            (Claim::Zip, HTML, false),
        ];
        for (claim, bytes, want) in table {
            assert_eq!(claim.matches(bytes), *want, "{claim:?} {bytes:?}");
        }
    }

    #[test]
    fn the_sniffer_holds_the_head_then_lets_everything_through() {
        let mut sniffer = Sniffer::new(Some(Claim::Image));
        assert_eq!(sniffer.push(Bytes::from_static(&PNG[..4])), Ok(vec![]));
        let rest = Bytes::from(vec![0u8; SNIFF_BYTES]);
        let out = sniffer.push(rest.clone()).unwrap();
        assert_eq!(out, vec![Bytes::from_static(&PNG[..4]), rest]);
        let more = Bytes::from_static(b"tail");
        assert_eq!(sniffer.push(more.clone()), Ok(vec![more]));
        assert_eq!(sniffer.finish(), Ok(vec![]));
    }

    #[test]
    fn the_sniffer_refuses_at_the_head_or_at_the_end_of_a_short_file() {
        let mut sniffer = Sniffer::new(Some(Claim::Image));
        let page = [HTML, &[b' '; SNIFF_BYTES][..]].concat();
        assert_eq!(sniffer.push(Bytes::from(page)), Err(Claim::Image));

        let mut sniffer = Sniffer::new(Some(Claim::Pdf));
        assert_eq!(sniffer.push(Bytes::from_static(HTML)), Ok(vec![]));
        assert_eq!(sniffer.finish(), Err(Claim::Pdf));

        let mut sniffer = Sniffer::new(Some(Claim::Pdf));
        assert_eq!(sniffer.push(Bytes::from_static(PDF)), Ok(vec![]));
        assert_eq!(sniffer.finish(), Ok(vec![Bytes::from_static(PDF)]));
    }

    #[test]
    fn without_a_claim_nothing_is_held() {
        let mut sniffer = Sniffer::new(None);
        let chunk = Bytes::from_static(HTML);
        assert_eq!(sniffer.push(chunk.clone()), Ok(vec![chunk]));
        assert_eq!(sniffer.finish(), Ok(vec![]));
    }
}
