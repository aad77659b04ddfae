//! The bytes of a zip's headers (PKWARE APPNOTE 6.3): local headers followed by data
//! descriptors (bit 3), so that an entry is written as it is read, CRC and compressed size
//! coming after the data; a central directory; and the end records, with Zip64 where a size, an
//! offset or the count needs it.
//!
//! Every header's length depends only on the entry's name, its size and where it starts, never
//! on its CRC or compressed size: so [`predicted_len`] knows a zip's exact length before a byte
//! is read when every entry is stored.

use super::method::Method;

/// An entry whose size reaches this is written with Zip64 sizes.
pub(super) const ZIP64_SIZE: u64 = 0xFFFF_FFFF;
/// A deflated entry whose size reaches this gets Zip64 sizes too: deflate can grow
/// incompressible data by about 5 bytes in 64 KiB, and 16 MiB of margin covers that up to 4 GiB.
pub(super) const ZIP64_DEFLATE_SIZE: u64 = 0xFF00_0000;
/// An entry that starts at or past this offset needs a Zip64 offset in the central directory.
const ZIP64_OFFSET: u64 = 0xFFFF_FFFF;
/// The central directory holds at most this many entries without Zip64.
const ZIP64_COUNT: u64 = 0xFFFF;

const LOCAL_SIGNATURE: u32 = 0x0403_4b50;
const DESCRIPTOR_SIGNATURE: u32 = 0x0807_4b50;
const CENTRAL_SIGNATURE: u32 = 0x0201_4b50;
const ZIP64_END_SIGNATURE: u32 = 0x0606_4b50;
const ZIP64_LOCATOR_SIGNATURE: u32 = 0x0706_4b50;
const END_SIGNATURE: u32 = 0x0605_4b50;
/// Sizes and CRC follow the data (bit 3); the name is UTF-8 (bit 11).
const FLAGS: u16 = 0x0008 | 0x0800;
/// Made by: Unix (3), spec 4.5, so that the external attributes are a Unix mode.
const MADE_BY: u16 = (3 << 8) | 45;
/// A regular file, `rw-r--r--`, in the high half of the external attributes.
const EXTERNAL_ATTRIBUTES: u32 = 0o100_644 << 16;

/// What the headers of one entry say before its data is read.
#[derive(Clone, Debug)]
pub(super) struct EntryHead {
    /// The entry's name, UTF-8, at most 255 bytes (sanitised).
    pub name: String,
    pub method: Method,
    /// The uncompressed size, known when the entry is opened.
    pub size: u64,
    /// MS-DOS time and date.
    pub time: u16,
    pub date: u16,
}

impl EntryHead {
    /// Whether the entry's local header and descriptor carry Zip64 sizes.
    pub(super) fn zip64(&self) -> bool {
        match self.method {
            Method::Stored => self.size >= ZIP64_SIZE,
            Method::Deflate => self.size >= ZIP64_DEFLATE_SIZE,
        }
    }

    fn version_needed(&self, zip64: bool) -> u16 {
        if zip64 {
            45
        } else {
            20
        }
    }
}

/// What is known of an entry once its data is written.
#[derive(Clone, Copy, Debug)]
pub(super) struct EntryTail {
    pub crc: u32,
    pub compressed: u64,
    /// Where its local header starts.
    pub offset: u64,
}

fn u16_of(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn u32_or_mark(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The local file header of an entry.
pub(super) fn local_header(head: &EntryHead) -> Vec<u8> {
    let zip64 = head.zip64();
    let mut out = Vec::with_capacity(30 + head.name.len() + 20);
    out.extend_from_slice(&LOCAL_SIGNATURE.to_le_bytes());
    out.extend_from_slice(&head.version_needed(zip64).to_le_bytes());
    out.extend_from_slice(&FLAGS.to_le_bytes());
    out.extend_from_slice(&head.method.code().to_le_bytes());
    out.extend_from_slice(&head.time.to_le_bytes());
    out.extend_from_slice(&head.date.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes()); // CRC: in the descriptor
    let size_mark: u32 = if zip64 { u32::MAX } else { 0 };
    out.extend_from_slice(&size_mark.to_le_bytes()); // compressed size
    out.extend_from_slice(&size_mark.to_le_bytes()); // uncompressed size
    out.extend_from_slice(&u16_of(head.name.len()).to_le_bytes());
    let extra: u16 = if zip64 { 20 } else { 0 };
    out.extend_from_slice(&extra.to_le_bytes());
    out.extend_from_slice(head.name.as_bytes());
    if zip64 {
        // Zip64 extended information: both sizes, zero here (they follow in the descriptor).
        out.extend_from_slice(&1u16.to_le_bytes());
        out.extend_from_slice(&16u16.to_le_bytes());
        out.extend_from_slice(&0u64.to_le_bytes());
        out.extend_from_slice(&0u64.to_le_bytes());
    }
    out
}

/// The data descriptor after an entry's data: its CRC and sizes, 8 bytes each with Zip64.
pub(super) fn data_descriptor(head: &EntryHead, tail: &EntryTail) -> Vec<u8> {
    let mut out = Vec::with_capacity(24);
    out.extend_from_slice(&DESCRIPTOR_SIGNATURE.to_le_bytes());
    out.extend_from_slice(&tail.crc.to_le_bytes());
    if head.zip64() {
        out.extend_from_slice(&tail.compressed.to_le_bytes());
        out.extend_from_slice(&head.size.to_le_bytes());
    } else {
        out.extend_from_slice(&u32_or_mark(tail.compressed).to_le_bytes());
        out.extend_from_slice(&u32_or_mark(head.size).to_le_bytes());
    }
    out
}

/// The length of an entry's data descriptor.
pub(super) fn descriptor_len(head: &EntryHead) -> u64 {
    if head.zip64() {
        24
    } else {
        16
    }
}

/// The central directory header of an entry. With Zip64 (its sizes, or an offset past 4 GiB)
/// all three of sizes and offset go in the Zip64 field, marked `0xFFFFFFFF` in the header.
pub(super) fn central_header(head: &EntryHead, tail: &EntryTail) -> Vec<u8> {
    let zip64 = head.zip64() || tail.offset >= ZIP64_OFFSET;
    let mut out = Vec::with_capacity(46 + head.name.len() + 28);
    out.extend_from_slice(&CENTRAL_SIGNATURE.to_le_bytes());
    out.extend_from_slice(&MADE_BY.to_le_bytes());
    out.extend_from_slice(&head.version_needed(zip64).to_le_bytes());
    out.extend_from_slice(&FLAGS.to_le_bytes());
    out.extend_from_slice(&head.method.code().to_le_bytes());
    out.extend_from_slice(&head.time.to_le_bytes());
    out.extend_from_slice(&head.date.to_le_bytes());
    out.extend_from_slice(&tail.crc.to_le_bytes());
    let (compressed, size, offset) = if zip64 {
        (u32::MAX, u32::MAX, u32::MAX)
    } else {
        (
            u32_or_mark(tail.compressed),
            u32_or_mark(head.size),
            u32_or_mark(tail.offset),
        )
    };
    out.extend_from_slice(&compressed.to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&u16_of(head.name.len()).to_le_bytes());
    let extra: u16 = if zip64 { 28 } else { 0 };
    out.extend_from_slice(&extra.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out.extend_from_slice(&0u16.to_le_bytes()); // disk number
    out.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
    out.extend_from_slice(&EXTERNAL_ATTRIBUTES.to_le_bytes());
    out.extend_from_slice(&offset.to_le_bytes());
    out.extend_from_slice(head.name.as_bytes());
    if zip64 {
        out.extend_from_slice(&1u16.to_le_bytes());
        out.extend_from_slice(&24u16.to_le_bytes());
        out.extend_from_slice(&head.size.to_le_bytes());
        out.extend_from_slice(&tail.compressed.to_le_bytes());
        out.extend_from_slice(&tail.offset.to_le_bytes());
    }
    out
}

/// The end of the zip, after a central directory of `count` entries and `size` bytes that
/// starts at `offset`: the Zip64 end record and its locator when any of them needs it, then the
/// end of central directory record.
pub(super) fn end_records(count: u64, offset: u64, size: u64) -> Vec<u8> {
    let zip64 = count >= ZIP64_COUNT || offset >= ZIP64_OFFSET || size >= ZIP64_OFFSET;
    let mut out = Vec::with_capacity(98);
    if zip64 {
        let end64_at = offset + size;
        out.extend_from_slice(&ZIP64_END_SIGNATURE.to_le_bytes());
        out.extend_from_slice(&44u64.to_le_bytes()); // the size of the rest of this record
        out.extend_from_slice(&MADE_BY.to_le_bytes());
        out.extend_from_slice(&45u16.to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes()); // this disk
        out.extend_from_slice(&0u32.to_le_bytes()); // the disk of the central directory
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&ZIP64_LOCATOR_SIGNATURE.to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&end64_at.to_le_bytes());
        out.extend_from_slice(&1u32.to_le_bytes()); // disks in all
    }
    let count16 = u16::try_from(count)
        .ok()
        .filter(|_| !zip64)
        .unwrap_or(u16::MAX);
    out.extend_from_slice(&END_SIGNATURE.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&count16.to_le_bytes());
    out.extend_from_slice(&count16.to_le_bytes());
    let (size32, offset32) = if zip64 {
        (u32::MAX, u32::MAX)
    } else {
        (u32_or_mark(size), u32_or_mark(offset))
    };
    out.extend_from_slice(&size32.to_le_bytes());
    out.extend_from_slice(&offset32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out
}

/// The exact length of the zip of `heads` when every entry is stored (its compressed size is
/// then its size); `None` when one is deflated.
pub(super) fn predicted_len(heads: &[EntryHead]) -> Option<u64> {
    let mut offset = 0u64;
    let mut tails = Vec::with_capacity(heads.len());
    for head in heads {
        if head.method != Method::Stored {
            return None;
        }
        tails.push(EntryTail {
            crc: 0,
            compressed: head.size,
            offset,
        });
        offset = offset
            .checked_add(local_header(head).len() as u64)?
            .checked_add(head.size)?
            .checked_add(descriptor_len(head))?;
    }
    let central: u64 = heads
        .iter()
        .zip(&tails)
        .map(|(head, tail)| central_header(head, tail).len() as u64)
        .sum();
    let end = end_records(heads.len() as u64, offset, central).len() as u64;
    offset.checked_add(central)?.checked_add(end)
}
