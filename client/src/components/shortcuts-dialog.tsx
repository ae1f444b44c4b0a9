import { SHORTCUTS } from '../hooks/use-keyboard-shortcuts.js';
import { Modal } from './modal.js';

const GROUPS = ['Edit', 'View', 'Run & file'] as const;

/** Every keyboard shortcut, from the same table the key handler uses. */
export function ShortcutsDialog() {
  return (
    <Modal title="Keyboard shortcuts" testId="shortcuts-dialog" wide>
      <div className="shortcuts">
        {GROUPS.map((group) => (
          <section key={group}>
            <h3 className="section-title">{group}</h3>
            <dl className="shortcuts__list">
              {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                <div key={s.what}>
                  <dt>
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && '+'}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{s.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="muted shortcuts__note">On a Mac, ⌘ works wherever Ctrl is written.</p>
    </Modal>
  );
}
