import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { useApi } from '../../app/api-context';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { ArrowLeftIcon, PlusIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { useSite, useSites } from '../sites/api';
import { siteName } from '../sites/site-meta';
import {
  assistantKeys,
  MAX_QUESTION_LENGTH,
  streamAnswer,
  useAssistantStatus,
  useConversation,
  useConversations,
  useCreateConversation,
  useDeleteConversation,
  type ChatMessage,
} from './api';
import './assistant.css';

/** The AI assistant (route `assistant/:siteId?`): without a site, a choice of site; with one, its chat. */
export function AssistantPage() {
  const { siteId } = useParams();
  return siteId ? <SiteAssistant siteId={siteId} /> : <SitePicker />;
}

function SitePicker() {
  const sites = useSites(1);
  return (
    <>
      <PageHeader title="AI assistant" description="Chat with Claude about a site’s issues. Choose the site to talk about." />
      {sites.isPending ? (
        <LoadingState label="Loading your sites…" />
      ) : sites.isError ? (
        <ErrorState title="Could not load your sites" error={sites.error} onRetry={() => void sites.refetch()} />
      ) : sites.data.items.length === 0 ? (
        <EmptyState title="No sites yet" action={<Link to="/sites/new" className="btn btn--primary">Add a site</Link>}>
          The assistant talks about the issues of a site you have connected and crawled.
        </EmptyState>
      ) : (
        <nav className="card" aria-labelledby="pick-site-title">
          <h2 id="pick-site-title" className="card__title">
            Your sites
          </h2>
          <ul className="assistant__conversations">
            {sites.data.items.map((s) => (
              <li key={s.id}>
                <Link to={`/assistant/${encodeURIComponent(s.id)}`} className="assistant__conversation">
                  <span className="assistant__conversation-title">{siteName(s)}</span>
                  <span className="muted assistant__conversation-time">{s.domain}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}

/** One site's assistant: its conversations on one side, the selected one (or a new one) on the other. */
function SiteAssistant({ siteId }: { siteId: string }) {
  const site = useSite(siteId);
  const [params, setParams] = useSearchParams();
  const selected = params.get('c');
  const select = (id: string | null) => setParams(id ? { c: id } : {}, { replace: false });
  const name = site.data ? siteName(site.data) : 'Site';

  if (site.isError) {
    const notFound = site.error instanceof ApiError && site.error.status === 404;
    return (
      <>
        <PageHeader title="AI assistant" eyebrow={<BackToSite siteId={siteId} name="Sites" to="/sites" />} />
        {notFound ? (
          <Alert tone="error" title="This site does not exist or you no longer have access to it.">
            <Link to="/sites">Back to your sites</Link>
          </Alert>
        ) : (
          <ErrorState title="Could not load this site" error={site.error} onRetry={() => void site.refetch()} />
        )}
      </>
    );
  }

  return (
    <>
      <PageHeader
        eyebrow={<BackToSite siteId={siteId} name={name} />}
        title="AI assistant"
        description={`Chat about the issues of ${site.data?.domain ?? 'this site'}. Answers come from Claude, based on the latest crawl, and appear as they are written.`}
      />
      <AssistantAvailability />
      <div className="assistant">
        <ConversationList siteId={siteId} selected={selected} onSelect={select} />
        <ChatPanel siteId={siteId} conversationId={selected} onSelect={select} />
      </div>
    </>
  );
}

function BackToSite({ siteId, name, to }: { siteId: string; name: string; to?: string }) {
  return (
    <Link to={to ?? `/sites/${siteId}`} className="back-link">
      <ArrowLeftIcon /> {name}
    </Link>
  );
}

function AssistantAvailability() {
  const status = useAssistantStatus();
  if (!status.data || status.data.available) return null;
  return (
    <Alert tone="warning" title="The assistant is not available">
      {status.data.message ?? 'The assistant needs an Anthropic API key on the server.'}
    </Alert>
  );
}

function ConversationList({ siteId, selected, onSelect }: { siteId: string; selected: string | null; onSelect: (id: string | null) => void }) {
  const conversations = useConversations(siteId);
  return (
    <nav className="card assistant__list" aria-labelledby="conversations-title">
      <div className="assistant__list-header">
        <h2 id="conversations-title" className="card__title">
          Conversations
        </h2>
        <Button size="sm" variant={selected ? 'secondary' : 'primary'} onClick={() => onSelect(null)} aria-pressed={!selected}>
          <PlusIcon /> New conversation
        </Button>
      </div>
      {conversations.isPending ? (
        <LoadingState label="Loading conversations…" />
      ) : conversations.isError ? (
        <ErrorState title="Could not load conversations" error={conversations.error} onRetry={() => void conversations.refetch()} />
      ) : conversations.data.items.length === 0 ? (
        <p className="muted assistant__list-empty">No conversations yet. Ask a question to start one.</p>
      ) : (
        <ul className="assistant__conversations">
          {conversations.data.items.map((c) => (
            <li key={c.id}>
              <Link
                to={`?c=${encodeURIComponent(c.id)}`}
                className={`assistant__conversation ${c.id === selected ? 'assistant__conversation--active' : ''}`}
                aria-current={c.id === selected ? 'page' : undefined}
              >
                <span className="assistant__conversation-title">{c.title}</span>
                <span className="muted assistant__conversation-time">
                  <RelativeTime value={c.updatedAt} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

/** What is on screen while an answer streams, before the stored conversation is read back. */
interface PendingTurn {
  conversationId: string;
  /** Stored messages before this turn; later ones (the stored question) are shown from the pending turn instead. */
  baseCount: number;
  question: string;
  answer: string;
  streaming: boolean;
  error?: string;
}

function ChatPanel({ siteId, conversationId, onSelect }: { siteId: string; conversationId: string | null; onSelect: (id: string | null) => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const status = useAssistantStatus();
  const conversation = useConversation(conversationId);
  const create = useCreateConversation(siteId);
  const remove = useDeleteConversation(siteId);
  const [question, setQuestion] = useState('');
  const [pending, setPending] = useState<PendingTurn | null>(null);
  const [requestError, setRequestError] = useState<unknown>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const abortRef = useRef<AbortController | null>(null);
  const streamingFor = useRef<string | null>(null);
  const logRef = useRef<HTMLOListElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const inputId = useId();
  const hintId = `${inputId}-hint`;

  const streaming = pending?.streaming ?? false;
  const unavailable = status.data?.available === false;
  const shownPending = pending && pending.conversationId === conversationId ? pending : null;
  const allStored = conversationId ? (conversation.data?.messages ?? []) : [];
  const stored = shownPending ? allStored.slice(0, shownPending.baseCount) : allStored;

  // Switching to another conversation stops an answer that is still streaming into the old one.
  useEffect(() => {
    if (streamingFor.current && streamingFor.current !== conversationId) abortRef.current?.abort();
    setRequestError(null);
  }, [conversationId]);
  useEffect(() => () => abortRef.current?.abort(), []);

  // Keep the newest text in view as it arrives.
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [stored.length, shownPending?.answer]);

  async function ask(text: string) {
    setRequestError(null);
    let id = conversationId;
    try {
      if (!id) {
        id = (await create.mutateAsync()).id;
        streamingFor.current = id;
        onSelect(id);
      }
    } catch (error) {
      setRequestError(error);
      return;
    }
    const controller = new AbortController();
    abortRef.current = controller;
    streamingFor.current = id;
    setQuestion('');
    setPending({ conversationId: id, baseCount: id === conversationId ? stored.length : 0, question: text, answer: '', streaming: true });
    try {
      const outcome = await streamAnswer(api, id, text, {
        signal: controller.signal,
        onDelta: (delta) => setPending((p) => (p ? { ...p, answer: p.answer + delta } : p)),
      });
      if (outcome.kind === 'done') notify('The assistant has answered.');
      setPending((p) => (p ? { ...p, streaming: false, error: outcome.kind === 'error' ? outcome.message : undefined } : p));
    } catch (error) {
      if (controller.signal.aborted) {
        setPending((p) => (p ? { ...p, streaming: false, error: 'You stopped this answer.' } : p));
      } else {
        // Refused before any answer (no key, quota, network): give the question back so it is not lost.
        setPending(null);
        setQuestion(text);
        setRequestError(error);
        return;
      }
    } finally {
      streamingFor.current = null;
      abortRef.current = null;
    }
    // The stored conversation (question, answer, any error) replaces what streamed in.
    await queryClient.invalidateQueries({ queryKey: assistantKeys.list(siteId) });
    // staleTime 0: the copy cached while the answer streamed (question only) must not stand in for the stored answer.
    const refreshed = await queryClient.fetchQuery({ queryKey: assistantKeys.detail(id), staleTime: 0, queryFn: ({ signal }) => api.get('/api/conversations/{id}', { path: { id }, signal }) }).catch(() => null);
    if (refreshed) setPending((p) => (p && p.conversationId === id && !p.streaming ? null : p));
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const text = question.trim();
    if (!text || streaming || unavailable) return;
    void ask(text);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends, Shift+Enter starts a new line (as in most chat tools); IME composition is left alone.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  const title = conversationId ? (conversation.data?.title ?? 'Conversation') : 'New conversation';
  const empty = stored.length === 0 && !shownPending;

  return (
    <section className="card assistant__chat" aria-labelledby="chat-title">
      <div className="assistant__chat-header">
        <h2 id="chat-title" className="card__title">
          {title}
        </h2>
        {conversationId && conversation.data ? (
          <Button size="sm" variant="ghost" onClick={() => setConfirmDelete(true)} disabled={streaming}>
            Delete conversation
          </Button>
        ) : null}
      </div>

      {conversationId && conversation.isPending && !shownPending ? (
        <LoadingState label="Loading the conversation…" />
      ) : conversationId && conversation.isError && !shownPending ? (
        conversation.error instanceof ApiError && conversation.error.status === 404 ? (
          <Alert tone="error" title="This conversation no longer exists.">
            <button type="button" className="btn btn--sm btn--secondary" onClick={() => onSelect(null)}>
              Start a new conversation
            </button>
          </Alert>
        ) : (
          <ErrorState title="Could not load the conversation" error={conversation.error} onRetry={() => void conversation.refetch()} />
        )
      ) : empty ? (
        <EmptyState title="Ask about this site’s issues">
          For example: “Which issues should I fix first?” or “Why does a missing meta description matter?”
        </EmptyState>
      ) : (
        <ol className="chat-log" ref={logRef} aria-label="Messages" aria-busy={streaming || undefined} tabIndex={0}>
          {stored.map((m) => (
            <MessageItem key={m.id} message={m} />
          ))}
          {shownPending ? (
            <>
              <MessageItem message={{ id: 'pending-question', role: 'user', content: shownPending.question, createdAt: '' }} />
              <MessageItem
                message={{ id: 'pending-answer', role: 'assistant', content: shownPending.answer, createdAt: '', error: shownPending.error }}
                streaming={shownPending.streaming}
              />
            </>
          ) : null}
        </ol>
      )}

      <p className="visually-hidden" role="status" aria-live="polite">
        {streaming ? 'The assistant is answering…' : ''}
      </p>

      {requestError ? (
        <Alert tone="error" title="The question was not sent">
          {errorMessage(requestError)}
        </Alert>
      ) : null}

      <form className="chat-form" onSubmit={onSubmit} aria-label="Ask the assistant">
        <label className="field__label" htmlFor={inputId}>
          Your question
        </label>
        <p id={hintId} className="field__hint">
          Enter sends, Shift+Enter adds a line. {question.length > MAX_QUESTION_LENGTH * 0.9 ? `${question.length} of ${MAX_QUESTION_LENGTH} characters.` : ''}
        </p>
        <textarea
          ref={inputRef}
          id={inputId}
          className="input chat-form__input"
          rows={3}
          value={question}
          maxLength={MAX_QUESTION_LENGTH}
          onChange={(e) => setQuestion(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={hintId}
          disabled={unavailable}
          placeholder="Which issues should I fix first?"
        />
        <div className="chat-form__actions">
          {streaming ? (
            <Button variant="secondary" onClick={() => abortRef.current?.abort()}>
              Stop
            </Button>
          ) : null}
          <Button type="submit" variant="primary" loading={create.isPending} disabled={streaming || unavailable || !question.trim()}>
            Send
          </Button>
        </div>
      </form>

      <ConfirmDialog
        open={confirmDelete}
        title="Delete this conversation?"
        confirmLabel="Delete"
        busy={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() =>
          conversationId &&
          remove.mutate(conversationId, {
            onSuccess: () => {
              setConfirmDelete(false);
              notify('Conversation deleted.');
              onSelect(null);
            },
          })
        }
      >
        Its questions and answers are removed for good.
      </ConfirmDialog>
    </section>
  );
}

function MessageItem({ message, streaming = false }: { message: ChatMessage; streaming?: boolean }) {
  const mine = message.role === 'user';
  return (
    <li className={`chat-message chat-message--${message.role}`}>
      <p className="chat-message__author">{mine ? 'You' : 'Assistant'}</p>
      <div className="chat-message__text" data-testid={streaming ? 'streaming-answer' : undefined}>
        {message.content || (streaming ? <span className="muted">Thinking…</span> : null)}
        {streaming ? <span className="chat-message__cursor" aria-hidden="true" /> : null}
      </div>
      {message.error ? (
        <p className="chat-message__error" role={streaming ? undefined : 'note'}>
          <span className="visually-hidden">Incomplete answer: </span>
          {message.error}
        </p>
      ) : null}
    </li>
  );
}
