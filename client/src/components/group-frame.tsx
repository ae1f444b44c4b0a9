import type { NodeProps } from '@xyflow/react';
import { type CSSProperties, memo } from 'react';
import { GROUP_COLOURS } from '../lib/group-colors.js';
import type { GroupFrameNode } from '../lib/group-view.js';
import { GroupTitle } from './group-title.js';

/**
 * An expanded group: a titled, coloured frame drawn under its nodes. Its size comes from them
 * (group-view.ts), so it never drifts; dragging it moves them all.
 */
function GroupFrameImpl({ data }: NodeProps<GroupFrameNode>) {
  const colour = GROUP_COLOURS[data.color];
  const style = { '--group-stroke': colour.stroke, '--group-fill': colour.fill } as CSSProperties;
  return (
    <div
      className={`sl-group${data.readOnly ? ' is-read-only' : ''}`}
      style={style}
      data-testid={`group-${data.groupId}`}
      data-color={data.color}
    >
      <GroupTitle data={data} collapsed={false} />
    </div>
  );
}

export const GroupFrame = memo(GroupFrameImpl);
