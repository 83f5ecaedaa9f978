using System.Text;

namespace JinGong.Knowledge.Search;

/// <summary>A run of text searched as one piece: Chinese characters, or letters and digits (with the hyphens inside a model code).</summary>
public sealed record SearchRun(string Text, bool Chinese);

/// <summary>
/// Cuts text into the tokens a page is found by. PostgreSQL's parsers do not segment Chinese (and ours is a C-locale
/// database, where non-ASCII letters are not even letters to them), so the segmenting is done here: a run of Chinese
/// characters gives each character and each overlapping pair (电池包 → 电, 池, 包, 电池, 池包), so that any string of
/// them is found by the pairs it is made of; a run of letters and digits gives its words and, joined by hyphens, the
/// whole (EX-35E → ex, 35e, ex-35e). Case and full-width forms are folded one character for one, so that positions in
/// the folded text are positions in the original.
/// </summary>
public static class Segmenter
{
    /// <summary>The runs of <paramref name="text"/>, folded (<see cref="Fold"/>), in order.</summary>
    public static IReadOnlyList<SearchRun> Runs(string text)
    {
        var runs = new List<SearchRun>();
        var folded = Fold(text);
        var start = 0;
        while (start < folded.Length)
        {
            if (IsChinese(folded[start]))
            {
                var end = start;
                while (end < folded.Length && IsChinese(folded[end]))
                {
                    end++;
                }

                runs.Add(new(folded[start..end], Chinese: true));
                start = end;
            }
            else if (char.IsLetterOrDigit(folded[start]))
            {
                var end = start;
                // A hyphen joins letters and digits on both sides (EX-35E); one at the edge is punctuation.
                while (end < folded.Length && (IsWordCharacter(folded[end]) || (folded[end] == '-' && end + 1 < folded.Length && IsWordCharacter(folded[end + 1]))))
                {
                    end++;
                }

                runs.Add(new(folded[start..end], Chinese: false));
                start = end;
            }
            else
            {
                start++;
            }
        }

        return runs;
    }

    /// <summary>The tokens a document holds, each once: of a Chinese run every character and every pair; of a word run its words and itself.</summary>
    public static IReadOnlyList<string> DocumentTokens(string text) =>
        [.. Runs(text).SelectMany(run => run.Chinese ? Characters(run.Text).Concat(Pairs(run.Text)) : Words(run.Text)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The tokens a document must hold to contain <paramref name="text"/>: of a Chinese run its pairs (a lone character
    /// itself), of a word run itself. Every one is among the <see cref="DocumentTokens"/> of a text that contains it.
    /// </summary>
    public static IReadOnlyList<string> QueryTokens(IReadOnlyList<SearchRun> runs) =>
        [.. runs.SelectMany(run => run.Chinese ? run.Text.Length == 1 ? [run.Text] : Pairs(run.Text) : [run.Text]).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Lower case, and full-width letters, digits and punctuation (Ｅ Ｘ －) as their ASCII selves: one character for one,
    /// so the folded text lines up with the original.
    /// </summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var ascii = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c == '\u3000' ? ' ' : c;
            folded.Append(char.ToLowerInvariant(ascii));
        }

        return folded.ToString();
    }

    // The CJK Unified Ideographs, their Extension A and the compatibility ideographs: the Chinese of every page.
    private static bool IsChinese(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) && !IsChinese(c);

    private static IEnumerable<string> Characters(string run) => run.Select(c => c.ToString());

    private static IEnumerable<string> Pairs(string run) => Enumerable.Range(0, Math.Max(0, run.Length - 1)).Select(index => run.Substring(index, 2));

    private static IEnumerable<string> Words(string run)
    {
        var words = run.Split('-');
        return words.Length == 1 ? words : words.Append(run);
    }
}
