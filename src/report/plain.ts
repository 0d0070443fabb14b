// ESC sequences (CSI `ESC [ … final`, OSC/DCS/APC/PM/SOS strings up to BEL or ST, two-character escapes),
// their 8-bit C1 forms, then any other C0 control but the newline, DEL and C1 control.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]?|\x9b[0-?]*[ -/]*[@-~]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[\s\S]?/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * Text from a user (a name, a description, an id) made safe to print on a terminal:
 * escape sequences and control characters (C0 but the newline, DEL, C1) are removed,
 * a tab becomes a space. They could clear the screen, move the cursor or set the window title.
 */
export function plain(text: string): string {
  return text.replace(/\t/g, ' ').replace(ESCAPES, '').replace(CONTROLS, '');
}
