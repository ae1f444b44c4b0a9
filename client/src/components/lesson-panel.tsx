import { applyLessonPatch } from '../actions/doc-actions.js';
import { useFitGraph } from '../hooks/use-fit-graph.js';
import { isRunActive } from '../lib/run-gate.js';
import { useLessonStore } from '../stores/examples-store.js';
import { useRunStore } from '../stores/run-store.js';
import { DocText } from './doc-text.js';
import { LessonReplay } from './lesson-replay.js';

/**
 * The loaded example's lesson, step by step: what to look at, what to change, what you will see,
 * why. Open, it takes the left column in the palette's place (the canvas beside it frames the
 * graph whole); folded, it is a tab above the palette.
 */
export function LessonPanel() {
  const example = useLessonStore((s) => s.example);
  const step = useLessonStore((s) => s.step);
  const collapsed = useLessonStore((s) => s.collapsed);
  const running = useRunStore((s) => isRunActive(s.phase));
  const fitGraph = useFitGraph();
  const { go, close, toggle } = useLessonStore.getState();
  if (!example) return null;
  const { steps, intro } = example.lesson;
  const current = steps[step];
  // The columns change size: frame the graph again once they have.
  const toggleAndFit = () => {
    toggle();
    setTimeout(() => fitGraph(), 60);
  };
  return (
    <aside
      className={`lesson${collapsed ? ' is-collapsed' : ''}`}
      data-testid="lesson-panel"
      aria-label="Lesson"
    >
      <header className="lesson__head">
        <div className="lesson__heading">
          <span className="lesson__kicker">
            Lesson
            {collapsed && steps.length > 1 && (
              <span className="lesson__tab-count">
                {' '}
                · step {step + 1}/{steps.length}
              </span>
            )}
          </span>
          <h2 className="lesson__title" title={example.title}>
            {example.title}
          </h2>
        </div>
        <button
          type="button"
          className="btn btn--ghost btn--small lesson__toggle"
          data-testid="lesson-toggle"
          title={collapsed ? 'Show the lesson' : 'Fold the lesson into a tab: the palette comes back'}
          aria-expanded={!collapsed}
          onClick={toggleAndFit}
        >
          {collapsed ? 'Show' : 'Hide'}
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
          {step === 0 && example.summary && <DocText className="lesson__summary" text={example.summary} />}
          {step === 0 && intro && <DocText className="lesson__intro" text={intro} />}
          {!running && step === 0 && (
            <p className="lesson__hint">Press Run (Ctrl+Enter), then follow the steps.</p>
          )}
          {example.replaySpeed !== undefined && <LessonReplay speed={example.replaySpeed} />}
          {current ? (
            <div className="lesson__step" data-testid="lesson-step">
              {current.title && <h3 className="lesson__step-title">{current.title}</h3>}
              <dl className="lesson__sections">
                {current.sections.map((s) => (
                  <div key={`${s.label}:${s.text}`}>
                    {s.label && <dt>{s.label}</dt>}
                    <dd>
                      <DocText text={s.text} />
                    </dd>
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
