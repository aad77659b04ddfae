// `group`: children stacked in one panel, without gaps between them.

import type { GroupProps } from "../api";
import { outer, type BlockProps } from "../block";

export function Group(b: BlockProps<GroupProps>) {
  return <div {...outer("group", b)}>{b.children}</div>;
}
