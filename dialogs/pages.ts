/**
 * Long lists in pages. A channel shows at most `PAGE_SIZE` entries of a list at a time, fewer
 * when its message would pass the platform's size limit (`paginate`, given the channel's own
 * measure), and ends the page with a "next 10" button: a `page` action naming the request that
 * made the list. Pressing it asks that request again and answers with the list from there
 * (`listPage`), which the channel pages in turn — so every entry is reachable.
 */
import type { Action, Block, ListEntry, Reply } from './reply';
import { replyWord } from './reply-words';
import type { Lang } from './turn';

export const PAGE_SIZE = 10;

type ListBlock = Extract<Block, { kind: 'list' }>;

/** The list blocks of a reply, in reading order (their index is how a page names its list). */
function lists(reply: Reply): ListBlock[] {
  return reply.sections.flatMap((s) => s.blocks.filter((b): b is ListBlock => b.kind === 'list'));
}

/** The answer to a `page` action: list `list` of the source's reply, from entry `offset`. */
export function listPage(source: Reply, list: number, offset: number, lang: Lang): Reply {
  const found = lists(source)[list];
  if (!found || offset >= found.entries.length)
    return {
      summary: replyWord(lang, 'pageGone'),
      sections: [{ blocks: [{ kind: 'text', text: replyWord(lang, 'pageGone') }] }],
      lang,
    };
  const section = source.sections.find((s) => s.blocks.includes(found));
  const total = found.entries.length;
  const heading = replyWord(lang, 'pageHeading', {
    from: offset + 1,
    to: Math.min(offset + PAGE_SIZE, total),
    total,
  });
  return {
    summary: `${source.title ?? source.summary} — ${heading}`,
    ...(source.title ? { title: source.title } : {}),
    lang,
    sections: [
      {
        ...(section?.title ? { title: section.title } : {}),
        blocks: [
          { kind: 'text', text: heading },
          { ...found, entries: found.entries.slice(offset), page: { list, offset } },
        ],
      },
    ],
  };
}

/** The "next N" button after `shown` entries of a list that has more (a list no request can make again says how many are left). */
function nextButton(b: ListBlock, shown: number, lang: Lang): Block {
  const left = b.entries.length - shown;
  if (!b.source) return { kind: 'text', text: replyWord(lang, 'moreNotShown', { count: left }) };
  const next: Action = {
    label: replyWord(lang, 'next', { count: Math.min(PAGE_SIZE, left) }),
    payload: {
      type: 'page',
      source: b.source,
      list: b.page?.list ?? 0,
      offset: (b.page?.offset ?? 0) + shown,
    },
  };
  return { kind: 'actions', actions: [next] };
}

/** The reply with each list cut to `shown[i]` entries, each cut list ending with its "next" button. */
function cut(reply: Reply, shown: number[], lang: Lang): Reply {
  let i = 0;
  return {
    ...reply,
    sections: reply.sections.map((s) => ({
      ...s,
      blocks: s.blocks.flatMap((b): Block[] => {
        if (b.kind !== 'list') return [b];
        const index = i++;
        const n = shown[index]!;
        if (n >= b.entries.length) return [b];
        const entries: ListEntry[] = b.entries.slice(0, n);
        return [{ ...b, entries }, nextButton(b, n, lang)];
      }),
    })),
  };
}

/**
 * The reply as one message of a channel: lists cut to a page, and fewer entries while `fits`
 * says the message is too large (the longest list gives one up first). A reply with no long
 * list is returned as it is.
 */
export function paginate(reply: Reply, lang: Lang, fits: (r: Reply) => boolean, pageSize = PAGE_SIZE): Reply {
  const all = lists(reply);
  if (all.length === 0) return reply;
  const shown = all.map((b) => Math.min(b.entries.length, pageSize));
  let page = cut(reply, shown, lang);
  while (!fits(page)) {
    let longest = -1;
    for (const [i, n] of shown.entries()) if (n > 1 && (longest < 0 || n > shown[longest]!)) longest = i;
    if (longest < 0) break;
    shown[longest]!--;
    page = cut(reply, shown, lang);
  }
  return page;
}
