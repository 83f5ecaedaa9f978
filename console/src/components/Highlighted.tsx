import type { HighlightedText } from '../api/knowledge';

/** A text with the server's matches marked: pieces of text, never markup, so a match or its text cannot inject anything. */
export function Highlighted({ text }: { text: HighlightedText }) {
  const pieces: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const { start, length } of [...text.highlights].sort((a, b) => a.start - b.start)) {
    const from = Math.max(start, at);
    const to = Math.min(start + length, text.text.length);
    if (to <= from) {
      continue;
    }
    pieces.push({ text: text.text.slice(at, from), marked: false }, { text: text.text.slice(from, to), marked: true });
    at = to;
  }
  pieces.push({ text: text.text.slice(at), marked: false });
  return (
    <>
      {pieces.map((piece, index) => (piece.marked ? <mark key={index}>{piece.text}</mark> : piece.text))}
    </>
  );
}
