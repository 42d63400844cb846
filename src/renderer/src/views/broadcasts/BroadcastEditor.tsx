import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../../../../shared/domain/enums';
import { broadcastProblems } from '../../../../shared/broadcasts/rules';
import { BROADCAST_TEMPLATES, templateFor, unfilledFields } from '../../../../shared/broadcasts/templates';
import {
  BROADCAST_IMAGE_TYPES,
  MAX_BROADCAST_IMAGE_BYTES,
  type Broadcast,
  type BroadcastImageUpload,
  type BroadcastTemplateId,
} from '../../../../shared/protocol/entities-broadcasts';
import { personalDetailKinds } from '../../../../shared/text/personal-details';
import { useDesk } from '../../context';
import { ChannelPreview } from './ChannelPreview';
import { useErrorText } from '../../hooks/useErrorText';

const KB = Math.round(MAX_BROADCAST_IMAGE_BYTES / 1024);

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error('could not read the file'));
    };
    reader.readAsDataURL(file);
  });
}

/**
 * Writes a broadcast: template, English and Welsh side by side, channels, an optional
 * photo, a live preview per channel and the checks the hub will make. Saving an approved
 * broadcast makes a new version that goes back for approval.
 */
export function BroadcastEditor({
  existing,
  onDone,
}: {
  existing: Broadcast | null;
  onDone: (broadcastId: string | null) => void;
}) {
  const { t } = useTranslation();
  const desk = useDesk();
  const errorText = useErrorText();
  const [id] = useState(() => existing?.id ?? crypto.randomUUID());
  const [templateId, setTemplateId] = useState<BroadcastTemplateId>(existing?.templateId ?? 'road-closure');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [textEn, setTextEn] = useState(existing?.textEn ?? templateFor('road-closure').en);
  const [textCy, setTextCy] = useState(existing?.textCy ?? templateFor('road-closure').cy);
  const [channels, setChannels] = useState<Platform[]>(existing?.channels ?? ['facebook', 'x']);
  const [image, setImage] = useState<BroadcastImageUpload | null | undefined>(undefined);
  const [alt, setAlt] = useState(existing?.image?.alt ?? '');
  const [imageError, setImageError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const currentImageName = image === undefined ? (existing?.image?.name ?? null) : (image?.name ?? null);
  const problems = broadcastProblems({ textEn, textCy, channels });
  const unfilled = [...unfilledFields(textEn), ...unfilledFields(textCy)];
  const personal = [...new Set([...personalDetailKinds(textEn), ...personalDetailKinds(textCy)])];

  // Someone else may save a newer version while this editor is open: the text typed here
  // stays (the editor is not rebuilt for it), and the author is told before saving over it.
  const [openedVersion] = useState(existing?.version ?? null);
  const newerVersion = existing !== null && existing.version !== openedVersion ? existing.version : null;
  // A template's text replaces the texts only while they are a template's text, untouched:
  // otherwise picking the kind of broadcast would throw away what was written.
  const [offeredTemplate, setOfferedTemplate] = useState<BroadcastTemplateId | null>(null);
  const applyTemplateText = (id: BroadcastTemplateId) => {
    const template = templateFor(id);
    setTextEn(template.en);
    setTextCy(template.cy);
    setOfferedTemplate(null);
  };
  const pickTemplate = (next: BroadcastTemplateId) => {
    const current = templateFor(templateId);
    const untouched = textEn === current.en && textCy === current.cy;
    setTemplateId(next);
    if (untouched) applyTemplateText(next);
    else setOfferedTemplate(next);
  };

  const pickImage = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setImageError(null);
    if (file === undefined) return;
    if (!(BROADCAST_IMAGE_TYPES as readonly string[]).includes(file.type)) {
      setImageError(t('broadcasts.editor.imageType'));
      event.target.value = '';
      return;
    }
    if (file.size > MAX_BROADCAST_IMAGE_BYTES) {
      setImageError(t('broadcasts.editor.imageSize', { kb: KB }));
      event.target.value = '';
      return;
    }
    const base64 = await readBase64(file);
    setImage({ name: file.name.slice(0, 200), mime: file.type as BroadcastImageUpload['mime'], alt, base64 });
  };

  const save = async (thenSubmit: boolean) => {
    const description = alt.trim().slice(0, 1000);
    const upload = image === undefined || image === null ? image : { ...image, alt: description };
    // No new file: a changed description goes on its own, naming the photo it describes
    // (without it the hub kept the photo under its old description).
    const kept = image === undefined ? (existing?.image ?? null) : null;
    const imageAlt =
      kept !== null && description !== kept.alt ? { imageId: kept.id, alt: description } : undefined;
    const saved = await desk.actions.submit({
      type: 'broadcast-save',
      broadcastId: id,
      templateId,
      title: title.trim() === '' ? t(`broadcasts.templates.${templateId}`) : title.trim(),
      textEn,
      textCy,
      channels,
      ...(upload === undefined ? {} : { image: upload }),
      ...(imageAlt === undefined ? {} : { imageAlt }),
    });
    if (!saved.ok) {
      setMessage(errorText(saved.error));
      return;
    }
    if (thenSubmit) {
      const submitted = await desk.actions.submit({ type: 'broadcast-submit', broadcastId: id });
      if (!submitted.ok) {
        setMessage(errorText(submitted.error));
        return;
      }
    }
    setMessage(thenSubmit ? t('broadcasts.editor.submitted') : t('broadcasts.editor.saved'));
    onDone(id);
  };

  const toggleChannel = (channel: Platform, on: boolean) => {
    setChannels((list) => (on ? [...new Set([...list, channel])] : list.filter((c) => c !== channel)));
  };

  const problemText = {
    'english-missing': t('broadcasts.editor.englishMissing'),
    'welsh-missing': t('broadcasts.editor.welshMissing'),
    'no-channel': t('broadcasts.editor.noChannel'),
    'too-long': t('broadcasts.editor.tooLong'),
  };

  return (
    <form
      className="bc-editor"
      aria-labelledby="bc-editor-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save(true);
      }}
    >
      <h2 id="bc-editor-title">
        {existing === null ? t('broadcasts.editor.newTitle') : t('broadcasts.editor.title')}
      </h2>
      <div className="bc-row">
        <label className="bc-field">
          <span>{t('broadcasts.templates.label')}</span>
          <select
            data-testid="bc-template"
            value={templateId}
            onChange={(e) => {
              pickTemplate(e.target.value as BroadcastTemplateId);
            }}
          >
            {BROADCAST_TEMPLATES.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {t(`broadcasts.templates.${tpl.id}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="bc-field bc-grow">
          <span>{t('broadcasts.editor.heading')}</span>
          <input
            data-testid="bc-title"
            value={title}
            maxLength={200}
            onChange={(e) => {
              setTitle(e.target.value);
            }}
          />
        </label>
      </div>
      {offeredTemplate !== null ? (
        <p className="bc-muted" role="status" data-testid="bc-template-offer">
          {t('broadcasts.editor.templateKept', {
            template: t(`broadcasts.templates.${offeredTemplate}`),
          })}{' '}
          <button
            type="button"
            data-testid="bc-template-apply"
            onClick={() => {
              applyTemplateText(offeredTemplate);
            }}
          >
            {t('broadcasts.editor.templateApply')}
          </button>
        </p>
      ) : null}
      {newerVersion !== null ? (
        <p className="bc-problem" role="alert" data-testid="bc-newer-version">
          {t('broadcasts.editor.changedMeanwhile', { version: newerVersion })}
        </p>
      ) : null}
      <div className="bc-bilingual">
        <label className="bc-field" lang="en">
          <span>{t('broadcasts.editor.english')}</span>
          <textarea
            data-testid="bc-text-en"
            rows={6}
            value={textEn}
            onChange={(e) => {
              setTextEn(e.target.value);
            }}
          />
        </label>
        <label className="bc-field" lang="cy">
          <span>{t('broadcasts.editor.welsh')}</span>
          <textarea
            data-testid="bc-text-cy"
            rows={6}
            value={textCy}
            onChange={(e) => {
              setTextCy(e.target.value);
            }}
          />
        </label>
      </div>
      <fieldset className="bc-row bc-channels">
        <legend>{t('broadcasts.editor.channels')}</legend>
        {(['facebook', 'x'] as const).map((c) => (
          <label key={c}>
            <input
              type="checkbox"
              data-testid={`bc-channel-${c}`}
              checked={channels.includes(c)}
              onChange={(e) => {
                toggleChannel(c, e.target.checked);
              }}
            />{' '}
            {t(`broadcasts.editor.${c}`)}
          </label>
        ))}
      </fieldset>
      <div className="bc-row">
        <label className="bc-field">
          <span>{t('broadcasts.editor.image', { kb: KB })}</span>
          <input
            type="file"
            data-testid="bc-image"
            accept="image/png,image/jpeg"
            onChange={(e) => {
              void pickImage(e);
            }}
          />
        </label>
        <label className="bc-field bc-grow">
          <span>{t('broadcasts.editor.imageAlt')}</span>
          <input
            data-testid="bc-image-alt"
            value={alt}
            maxLength={1000}
            onChange={(e) => {
              setAlt(e.target.value);
            }}
          />
        </label>
        {currentImageName === null ? null : (
          <span className="bc-muted" data-testid="bc-image-name">
            {currentImageName}{' '}
            <button
              type="button"
              onClick={() => {
                setImage(null);
              }}
            >
              {t('broadcasts.editor.removeImage')}
            </button>
          </span>
        )}
      </div>
      {imageError === null ? null : (
        <p className="bc-problem" role="alert">
          {imageError}
        </p>
      )}
      <ul className="bc-checks" aria-live="polite">
        {problems.map((p) => (
          <li key={p} className="bc-problem" data-testid={`bc-problem-${p}`}>
            {problemText[p]}
          </li>
        ))}
        {unfilled.length > 0 ? (
          <li className="bc-warning">{t('broadcasts.editor.unfilled', { fields: unfilled.join(', ') })}</li>
        ) : null}
        {personal.length > 0 ? (
          <li className="bc-warning" data-testid="bc-personal">
            {t('broadcasts.editor.personal', {
              kinds: personal.map((k) => t(`broadcasts.editor.kinds.${k}`)).join(', '),
            })}
          </li>
        ) : null}
      </ul>
      <ChannelPreview channels={channels} textEn={textEn} textCy={textCy} />
      <div className="bc-row">
        <button
          type="button"
          data-testid="bc-save"
          onClick={() => {
            void save(false);
          }}
        >
          {t('broadcasts.editor.save')}
        </button>
        <button type="submit" className="primary" data-testid="bc-submit" disabled={problems.length > 0}>
          {t('broadcasts.editor.submit')}
        </button>
        <button
          type="button"
          onClick={() => {
            onDone(existing?.id ?? null);
          }}
        >
          {t('broadcasts.editor.cancel')}
        </button>
      </div>
      {message === null ? null : <p role="status">{message}</p>}
    </form>
  );
}
