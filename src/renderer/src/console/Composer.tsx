import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CANNED_RESPONSES,
  cannedFor,
  cannedIdSchema,
  cannedTitle,
  suggestCanned,
} from '../../../shared/canned/responses';
import type { Conversation } from '../../../shared/domain/entities';
import { characterLimit, countCharacters } from '../../../shared/text/platform-limits';
import { personalDetailKinds, type PersonalDetailKind } from '../../../shared/text/personal-details';
import { PersonalDetailsWarning, ReplyLength } from './reply-checks';

export type ComposerMode = 'reply' | 'note';

export function Composer({
  conversation,
  mode,
  onMode,
  canReply,
  replyHint,
  focusToken,
  drafts,
  onSubmit,
}: {
  conversation: Conversation;
  mode: ComposerMode;
  onMode: (mode: ComposerMode) => void;
  canReply: boolean;
  /** Why replying is not possible now, if it is not. */
  replyHint: string | null;
  /** Changes whenever a shortcut asks for the composer's focus. */
  focusToken: number;
  /** Unsent text by conversation id: taken up on opening, kept as it is typed. */
  drafts: Map<string, string>;
  onSubmit: (mode: ComposerMode, body: string) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const uiLanguage = i18n.language === 'cy' ? 'cy' : 'en';
  const ids = useId();
  const [body, setBody] = useState(() => drafts.get(conversation.id) ?? '');
  const [warning, setWarning] = useState<PersonalDetailKind[] | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (body === '') drafts.delete(conversation.id);
    else drafts.set(conversation.id, body);
  }, [drafts, conversation.id, body]);
  const isPublic = conversation.kind === 'comment';

  // Only a press of r or n made while this composer is on screen takes the focus. Comparing
  // with zero made every composer created after the first press (each conversation opened)
  // pull the focus in, so the next j, c or e was typed into the reply instead of acting.
  const focusTokenAtMount = useRef(focusToken);
  useEffect(() => {
    if (focusToken !== focusTokenAtMount.current) area.current?.focus();
  }, [focusToken]);

  // The reply triage suggests comes first, starred.
  const suggested = suggestCanned({
    kind: conversation.kind,
    category: conversation.category,
    emergency: conversation.category === 'emergency',
    personalDetails: [],
  });
  const orderedCanned = [...CANNED_RESPONSES].sort(
    (a, b) => Number(b.id === suggested) - Number(a.id === suggested),
  );
  const limit = mode === 'reply' ? characterLimit(conversation.platform, conversation.kind) : null;
  const count =
    mode === 'reply' ? countCharacters(conversation.platform, conversation.kind, body) : body.length;
  const over = limit === null ? 0 : count - limit;
  const blocked = body.trim().length === 0 || over > 0 || busy || (mode === 'reply' && !canReply);

  const send = async (confirmed: boolean) => {
    if (blocked) return;
    if (mode === 'reply' && isPublic && !confirmed) {
      const kinds = personalDetailKinds(body);
      if (kinds.length > 0) {
        setWarning(kinds);
        return;
      }
    }
    setBusy(true);
    const sent = await onSubmit(mode, body.trim());
    setBusy(false);
    if (sent) {
      setBody('');
      setWarning(null);
    }
  };

  return (
    <section className={`composer composer-${mode}`} aria-label={t('composer.label')}>
      <div className="composer-tabs" role="radiogroup" aria-label={t('composer.label')}>
        {(['reply', 'note'] as const).map((m) => (
          <label key={m} className={mode === m ? 'tab active' : 'tab'}>
            <input
              type="radio"
              name={`${ids}-mode`}
              value={m}
              checked={mode === m}
              onChange={() => {
                onMode(m);
              }}
            />
            {t(`composer.${m}`)}
          </label>
        ))}
        {mode === 'reply' && (
          <select
            aria-label={t('composer.canned')}
            value=""
            onChange={(e) => {
              const id = cannedIdSchema.safeParse(e.target.value);
              if (!id.success) return;
              // The reply goes out in the language the person wrote in.
              const text = cannedFor(id.data, conversation.language);
              setBody((current) => (current.trim() ? `${current.trimEnd()}\n\n${text}` : text));
              area.current?.focus();
            }}
          >
            <option value="">{t('composer.cannedChoose')}</option>
            {orderedCanned.map((canned) => (
              <option key={canned.id} value={canned.id}>
                {canned.id === suggested ? '★ ' : ''}
                {canned.title[uiLanguage]}
              </option>
            ))}
          </select>
        )}
      </div>
      {mode === 'reply' && suggested !== null && body.trim() === '' && (
        <button
          type="button"
          className="suggested-canned"
          data-testid="insert-suggested"
          onClick={() => {
            // In the language the person wrote in: the 999 reply for an emergency, for example.
            setBody(cannedFor(suggested, conversation.language));
            area.current?.focus();
          }}
        >
          ★ {t('emergency.insertSuggested', { title: cannedTitle(suggested, uiLanguage) })}
        </button>
      )}
      <label htmlFor={`${ids}-body`} className="visually-hidden">
        {mode === 'reply' ? t('composer.replyPlaceholder') : t('composer.notePlaceholder')}
      </label>
      <textarea
        id={`${ids}-body`}
        ref={area}
        data-testid="composer-body"
        lang={mode === 'reply' ? conversation.language : undefined}
        value={body}
        rows={4}
        placeholder={mode === 'reply' ? t('composer.replyPlaceholder') : t('composer.notePlaceholder')}
        onChange={(e) => {
          setBody(e.target.value);
          setWarning(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send(false);
          }
          // Back to the keyboard shortcuts, draft kept, as Escape leaves the search box.
          if (e.key === 'Escape') e.currentTarget.blur();
        }}
      />
      {warning && (
        <PersonalDetailsWarning
          kinds={warning}
          testId="personal-details-warning"
          onSendAnyway={() => {
            void send(true);
          }}
          onEdit={() => {
            setWarning(null);
            area.current?.focus();
          }}
        />
      )}
      <div className="composer-foot">
        {limit !== null && <ReplyLength platform={conversation.platform} count={count} limit={limit} />}
        {mode === 'reply' && replyHint && <span className="hint">{replyHint}</span>}
        <button
          type="button"
          className="primary"
          disabled={blocked}
          data-testid="composer-send"
          onClick={() => {
            void send(false);
          }}
        >
          {mode === 'reply' ? t('composer.send') : t('composer.addNote')}
        </button>
      </div>
    </section>
  );
}
