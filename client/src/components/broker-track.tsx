/**
 * The rails of a broker queue (a `nats` edge): two lines either side of the edge's path, in the
 * queue's fill colour, so a JetStream stream reads as a pipe between processes and a memory queue
 * stays a single line. Two stroked copies of the path (wide, then a narrower one in the canvas
 * colour over it) draw the rails without computing offset curves; neither takes pointer events.
 */
export function BrokerTrack({ path, level }: { path: string; level: string }) {
  return (
    <g className={`sl-broker-track fill-${level}`}>
      <path className="sl-broker-track__rails" d={path} />
      <path className="sl-broker-track__bore" d={path} />
    </g>
  );
}
