import { applyLessonPatch } from '../actions/doc-actions.js';
import { isRunActive } from '../lib/run-gate.js';
import { useLessonStore } from '../stores/examples-store.js';
import { useRunStore } from '../stores/run-store.js';

/** The loaded example's lesson, step by step: what to look at, what to change, what you will see, why. */
export function LessonPanel() {
  const example = useLessonStore((s) => s.example);
  const step = useLessonStore((s) => s.step);
  const collapsed = useLessonStore((s) => s.collapsed);
  const running = useRunStore((s) => isRunActive(s.phase));
  const { go, close, toggle } = useLessonStore.getState();
  if (!example) return null;
  const { steps, intro } = example.lesson;
  const current = steps[step];
  return (
    <aside
      className={`lesson${collapsed ? ' is-collapsed' : ''}`}
      data-testid="lesson-panel"
      aria-label="Lesson"
    >
      <header className="lesson__head">
        <span className="lesson__kicker">Lesson</span>
        <h2 className="lesson__title">{example.title}</h2>
        <button type="button" className="icon-btn" title={collapsed ? 'Expand' : 'Collapse'} onClick={toggle}>
          {collapsed ? '▸' : '▾'}
        </button>
        <button
          type="button"
          className="icon-btn"
          title="Close the lesson"
          data-testid="lesson-close"
          onClick={close}
        >
          ×
        </button>
      </header>
      {!collapsed && (
        <div className="lesson__body">
          {step === 0 && example.summary && <p className="lesson__summary">{example.summary}</p>}
          {step === 0 && intro && <p className="lesson__intro">{intro}</p>}
          {!running && step === 0 && (
            <p className="lesson__hint">Press Run (Ctrl+Enter), then follow the steps.</p>
          )}
          {current ? (
            <div className="lesson__step" data-testid="lesson-step">
              {current.title && <h3 className="lesson__step-title">{current.title}</h3>}
              <dl className="lesson__sections">
                {current.sections.map((s) => (
                  <div key={`${s.label}:${s.text}`}>
                    {s.label && <dt>{s.label}</dt>}
                    <dd>{s.text}</dd>
                  </div>
                ))}
              </dl>
              {current.patch && (
                <button
                  type="button"
                  className="btn btn--small btn--accent lesson__apply"
                  data-testid="lesson-apply"
                  title={running ? 'Make this change on the running graph' : 'Make this change on the canvas'}
                  onClick={() => current.patch && void applyLessonPatch(current.patch)}
                >
                  {running ? 'Apply this change live' : 'Make this change'}
                </button>
              )}
            </div>
          ) : (
            <p className="muted">{example.summary || 'Run the graph and watch the queues.'}</p>
          )}
          {steps.length > 1 && (
            <footer className="lesson__nav">
              <button
                type="button"
                className="btn btn--ghost btn--small"
                disabled={step === 0}
                onClick={() => go(step - 1)}
              >
                ← Back
              </button>
              <span className="lesson__count" data-testid="lesson-count">
                Step {step + 1} of {steps.length}
              </span>
              <button
                type="button"
                className="btn btn--ghost btn--small"
                data-testid="lesson-next"
                disabled={step >= steps.length - 1}
                onClick={() => go(step + 1)}
              >
                Next →
              </button>
            </footer>
          )}
        </div>
      )}
    </aside>
  );
}
