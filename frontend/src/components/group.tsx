// `group`: children stacked in one panel, without gaps between them.

import { outer, type BlockProps, type CommonProps } from "../block";
import { register } from "../registry";

export type GroupProps = CommonProps;

export function Group(b: BlockProps<GroupProps>) {
  return <div {...outer(b)}>{b.children}</div>;
}

register("group", { view: Group });
