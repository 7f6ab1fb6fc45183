// What a reader sees of the web chat, measured in the page (loaded by webchat-screens.test.ts
// as an init script: plain browser code, outside the type-checked sources).

/** A card: its text blocks as shown (an ordered list's marker included), split words, links. */
globalThis.relanceMeasure = (card) => {
  const shown = (el) => {
    let out = '';
    const walk = (n) => {
      if (n.nodeType === Node.TEXT_NODE) out += n.textContent;
      else if (n instanceof HTMLElement) {
        if (n.tagName === 'LI' && n.parentElement?.tagName === 'OL')
          out += `${(n.parentElement.start || 1) + [...n.parentElement.children].indexOf(n)}. `;
        n.childNodes.forEach(walk);
      }
    };
    walk(el);
    return out.replace(/\s+/g, ' ').trim();
  };
  const blocks = [...card.querySelectorAll('.ac-textBlock, .ac-richTextBlock')].map((b) => {
    const r = b.getBoundingClientRect();
    return { text: shown(b), top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  });
  // A word on two lines ("Promis/e", a letter per line); a word longer than a line (a URL) may wrap.
  const splitWords = [];
  for (const cell of card.querySelectorAll('.ac-textBlock, .ac-richTextBlock')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      // Column-aligned lines (an invoice table, non-breaking spaces) are not labels: left out.
      if (/monospace/i.test(getComputedStyle(n.parentElement).fontFamily)) continue;
      // A line may break after a hyphen ("Pouvez-/vous"): each piece up to a hyphen is a word.
      for (const m of (n.textContent ?? '').matchAll(/[^\s-]+-?/g)) {
        if (m[0].length > 24) continue;
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
        );
        if (lines.size > 1) splitWords.push(m[0]);
      }
    }
  }
  return {
    blocks,
    splitWords,
    // Markdown read as a quote or a heading where a table cell or a line was meant.
    quotes: card.querySelectorAll('blockquote, h1, h2, h3').length,
    tel: [...card.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href') ?? ''),
    cardRight: card.getBoundingClientRect().right,
  };
};

/** The page's own frame: its width, the header's, the picker's. */
globalThis.relanceFrame = () => {
  const header = document.querySelector('header');
  const who = document.getElementById('who');
  return {
    width: window.innerWidth,
    page: document.documentElement.scrollWidth,
    header: { scroll: header.scrollWidth, client: header.clientWidth },
    picker: who.getBoundingClientRect().right,
    pickerText: who.selectedOptions[0]?.textContent ?? '',
  };
};
