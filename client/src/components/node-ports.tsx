import { Handle, Position } from '@xyflow/react';

/**
 * Named ports in two columns, inputs left and outputs right. Each handle sits in its own row,
 * so React Flow measures it next to its label and edges attach at the right height.
 */
export function NodePorts({ inputs, outputs }: { inputs: readonly string[]; outputs: readonly string[] }) {
  if (inputs.length === 0 && outputs.length === 0) return null;
  return (
    <div className="sl-ports">
      <div className="sl-ports__col">
        {inputs.map((port) => (
          <div key={port} className="sl-port sl-port--in">
            <Handle type="target" position={Position.Left} id={port} className="sl-handle" />
            <span className="sl-port__label">{port}</span>
          </div>
        ))}
      </div>
      <div className="sl-ports__col sl-ports__col--out">
        {outputs.map((port) => (
          <div key={port} className={`sl-port sl-port--out${port === 'error' ? ' sl-port--error' : ''}`}>
            <span className="sl-port__label">{port}</span>
            <Handle type="source" position={Position.Right} id={port} className="sl-handle" />
          </div>
        ))}
      </div>
    </div>
  );
}
