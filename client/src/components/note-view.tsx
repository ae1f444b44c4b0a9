import { type NodeProps, useStore } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { MAX_NOTE_TEXT } from '../../../shared/graph/graph-schema.js';
import { deleteNote, resizeNote, setNoteText } from '../actions/note-actions.js';
import { type Block, type Inline, parseMarkdown } from '../lib/mini-markdown.js';
import type { NoteNode } from '../lib/note-types.js';
import { useGraphStore } from '../stores/graph-store.js';
import { editNote, useNoteEditStore } from '../stores/note-edit-store.js';

/**
 * A Markdown note on the canvas: rendered from parsed data as React text (no HTML from the
 * text, ever), edited in place on double-click, resized by its corner when selected. Read-only
 * on a shared link.
 */
function NoteViewImpl({ data, selected }: NodeProps<NoteNode>) {
  const readOnly = useGraphStore((s) => s.readOnly);
  const id = data.noteId;
  const editing = useNoteEditStore((s) => s.editing === id) && !readOnly;
  const blocks = useMemo(() => parseMarkdown(data.text), [data.text]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: React Flow's node wrapper has the focus; Enter on it edits too (below)
    <div
      className={`sl-note${selected ? ' is-selected' : ''}`}
      data-testid={`note-${id}`}
      onDoubleClick={() => !readOnly && editNote(id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !readOnly && !editing) editNote(id);
      }}
    >
      {editing ? (
        <textarea
          className="sl-note__editor nodrag nowheel"
          data-testid={`note-editor-${id}`}
          // biome-ignore lint/a11y/noAutofocus: the user just asked to write here
          autoFocus
          maxLength={MAX_NOTE_TEXT}
          defaultValue={data.text}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
          onBlur={(e) => {
            setNoteText(id, e.currentTarget.value);
            if (useNoteEditStore.getState().editing === id) editNote(null);
          }}
        />
      ) : (
        <div className="sl-note__body nowheel" data-testid={`note-body-${id}`}>
          {blocks.map((b, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no identity beyond their order
            <BlockView key={i} block={b} />
          ))}
        </div>
      )}
      {selected && !readOnly && !editing && <ResizeGrip id={id} />}
      {selected && !readOnly && !editing && (
        <button
          type="button"
          className="sl-note__delete nodrag"
          data-testid={`note-delete-${id}`}
          title="Delete this note"
          aria-label="Delete this note"
          onClick={() => deleteNote(id)}
        >
          ×
        </button>
      )}
    </div>
  );
}

/**
 * The corner that resizes a selected note: pointer capture keeps the drag on it, and the move is
 * divided by the zoom so the corner stays under the pointer.
 */
function ResizeGrip({ id }: { id: string }) {
  const zoom = useStore((s) => s.transform[2]);
  return (
    <span
      className="sl-note__grip nodrag"
      data-testid={`note-grip-${id}`}
      aria-hidden="true"
      onPointerDown={(e) => {
        e.stopPropagation();
        const el = e.currentTarget;
        el.setPointerCapture(e.pointerId);
        const note = useGraphStore.getState().notes.find((n) => n.id === id);
        if (!note) return;
        const start = { x: e.clientX, y: e.clientY, width: note.width, height: note.height };
        const move = (m: PointerEvent) =>
          resizeNote(
            id,
            start.width + (m.clientX - start.x) / zoom,
            start.height + (m.clientY - start.y) / zoom,
          );
        const up = () => {
          el.removeEventListener('pointermove', move);
          el.removeEventListener('pointerup', up);
        };
        el.addEventListener('pointermove', move);
        el.addEventListener('pointerup', up);
      }}
    />
  );
}

function BlockView({ block }: { block: Block }) {
  if (block.t === 'h') {
    const H = `h${block.level + 2}` as 'h3' | 'h4' | 'h5';
    return (
      <H>
        <Inlines parts={block.v} />
      </H>
    );
  }
  if (block.t === 'ul')
    return (
      <ul>
        {block.items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity beyond their order
          <li key={i}>
            <Inlines parts={item} />
          </li>
        ))}
      </ul>
    );
  return (
    <p>
      <Inlines parts={block.v} />
    </p>
  );
}

function Inlines({ parts }: { parts: Inline[] }) {
  return parts.map((p, i) => {
    const key = `${i}`;
    if (p.t === 'b') return <strong key={key}>{p.v}</strong>;
    if (p.t === 'i') return <em key={key}>{p.v}</em>;
    if (p.t === 'code') return <code key={key}>{p.v}</code>;
    if (p.t === 'a')
      return (
        <a key={key} href={p.href} target="_blank" rel="noopener noreferrer nofollow" className="nodrag">
          {p.v}
        </a>
      );
    return <span key={key}>{p.v}</span>;
  });
}

export const NoteView = memo(NoteViewImpl);
