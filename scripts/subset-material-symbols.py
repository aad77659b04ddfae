#!/usr/bin/env python3
"""Subsets Material Symbols Rounded to the icons Ferry embeds, and writes Ferry's name table.

Run by scripts/subset-material-symbols.sh, which fetches the pinned font package and fontTools
into a temporary folder. Reads the package's variable font (one axis, FILL), fixes it at
FILL=0 (the outlined look Streamlit shows), keeps the glyphs of the icons named in ICONS below
by their Unicode codepoint (private use area; the ligatures are dropped: the page writes the
codepoint, never the name), and writes:

  assets/fonts/material-symbols-rounded.woff2   the subset font
  assets/fonts/LICENSE                          the package's license (Apache-2.0)
  src/components/icon/material_symbols.rs       name -> codepoint, sorted by name

Usage: subset-material-symbols.py PACKAGE_DIR REPO_DIR
"""

import os
import re
import sys

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

# The icons Ferry embeds, by Material Symbols name (snake case, as `:material/NAME:` takes them).
# Every name must be one of the font's ligatures: the script stops on one that is not. Names
# that are aliases in the font (`done` for `check`, `expand_more` for `keyboard_arrow_down`)
# share their glyph and cost nothing more.
ICONS = """
# Files and data
download upload file_download file_upload download_done downloading upload_file description
draft article folder folder_open create_new_folder file_present file_copy note_add attach_file
attachment archive unarchive folder_zip inventory_2 picture_as_pdf csv table table_chart
table_rows grid_on dataset database storage data_object data_array bar_chart show_chart
pie_chart insert_chart analytics monitoring query_stats leaderboard timeline summarize
text_snippet feed code terminal javascript html css integration_instructions api schema
# Actions
check check_circle done done_all close cancel delete delete_forever edit edit_note save save_as
search settings tune build handyman add add_circle remove remove_circle refresh sync sync_alt
autorenew replay undo redo content_copy content_paste content_cut share ios_share link link_off
open_in_new launch print send publish login logout power_settings_new filter_list filter_alt
sort swap_vert swap_horiz zoom_in zoom_out fullscreen fullscreen_exit visibility visibility_off
lock lock_open key vpn_key shield security verified bookmark bookmarks label flag push_pin
# Status
info warning error help help_center report priority_high notifications notifications_off
new_releases pending hourglass_empty hourglass_top schedule timer history update event
calendar_month calendar_today today alarm task_alt block do_not_disturb_on
# Media
play_arrow play_circle pause pause_circle stop stop_circle skip_next skip_previous fast_forward
fast_rewind volume_up volume_off mic mic_off videocam movie music_note image photo photo_camera
photo_library image_search palette brush
# Navigation
home menu more_vert more_horiz apps dashboard arrow_back arrow_forward arrow_upward
arrow_downward arrow_drop_down arrow_drop_up arrow_right arrow_left arrow_outward north_east
chevron_left chevron_right expand_more expand_less unfold_more unfold_less first_page last_page
explore map location_on public language
# People and communication
person person_add group groups account_circle face mail inbox chat forum comment call
support_agent
# Objects and ideas
star star_rate favorite thumb_up thumb_down mood sentiment_satisfied celebration lightbulb
science rocket_launch bolt auto_awesome psychology smart_toy memory cloud cloud_download
cloud_upload cloud_done cloud_sync wifi bluetooth devices computer laptop smartphone keyboard
mouse shopping_cart payments credit_card receipt sell work school local_fire_department eco
pets sports_esports emoji_events
"""

FONT = "material-symbols-rounded.woff2"


def icon_names():
    names = []
    for line in ICONS.splitlines():
        if not line.startswith("#"):
            names.extend(line.split())
    if len(names) != len(set(names)):
        sys.exit("ICONS names an icon twice")
    return names


def ligatures(font):
    """Every ligature of the font: the name it spells -> its glyph."""
    letters = {glyph: chr(cp) for cp, glyph in font.getBestCmap().items() if cp < 128}
    found = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            if lookup.LookupType == 7:
                table = table.ExtSubTable
            if getattr(table, "LookupType", lookup.LookupType) != 4:
                continue
            for first, ligs in table.ligatures.items():
                for lig in ligs:
                    name = "".join(letters[g] for g in [first, *lig.Component])
                    found[name] = lig.LigGlyph
    return found


def main(package_dir, repo_dir):
    font = TTFont(os.path.join(package_dir, FONT))
    by_name = ligatures(font)
    # A glyph may have several codepoints (old and new ones): the lowest in the private use area.
    codepoint = {}
    for cp, glyph in font.getBestCmap().items():
        if cp >= 0xE000 and (glyph not in codepoint or cp < codepoint[glyph]):
            codepoint[glyph] = cp
    names = icon_names()
    unknown = [n for n in names if n not in by_name or by_name[n] not in codepoint]
    if unknown:
        sys.exit(f"not in the font: {' '.join(unknown)}")
    table = sorted((n, codepoint[by_name[n]]) for n in names)

    static = instancer.instantiateVariableFont(font, {"FILL": 0})
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    options.hinting = False
    options.glyph_names = False
    options.notdef_outline = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({cp for _, cp in table}))
    subsetter.subset(static)
    static.flavor = "woff2"
    # Keep the package's timestamp, so that every run writes the same bytes.
    static.recalcTimestamp = False
    fonts = os.path.join(repo_dir, "assets", "fonts")
    os.makedirs(fonts, exist_ok=True)
    static.save(os.path.join(fonts, FONT))
    with open(os.path.join(package_dir, "LICENSE"), encoding="utf-8") as src:
        license_text = src.read()
    with open(os.path.join(fonts, "LICENSE"), "w", encoding="utf-8") as out:
        out.write(
            "material-symbols-rounded.woff2 is a subset of Material Symbols Rounded by Google,\n"
            "made by scripts/subset-material-symbols.sh, under the Apache License 2.0:\n\n"
        )
        out.write(license_text)

    rust = os.path.join(repo_dir, "src", "components", "icon", "material_symbols.rs")
    with open(rust, "w", encoding="utf-8") as out:
        out.write(
            "//! The Material Symbols that Ferry's embedded font draws, generated by\n"
            "//! `scripts/subset-material-symbols.sh` (edit the list there, not here).\n\n"
            "/// Each icon's name and its glyph's codepoint in\n"
            "/// `assets/fonts/material-symbols-rounded.woff2`, sorted by name.\n"
            "pub(crate) const MATERIAL_SYMBOLS: &[(&str, char)] = &[\n"
        )
        for name, cp in table:
            if not re.fullmatch(r"[a-z0-9_]+", name):
                sys.exit(f"unexpected name {name!r}")
            out.write(f"    (\"{name}\", '\\u{{{cp:x}}}'),\n")
        out.write("];\n")
    size = os.path.getsize(os.path.join(fonts, FONT))
    print(f"{len(table)} icons, {len({cp for _, cp in table})} glyphs, {FONT}: {size} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
