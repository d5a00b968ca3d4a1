using System.Text;
using NotaGen.Tokenization;

namespace NotaGen.Visualization.Attention;

/// <summary>
/// Labels for the patches of a piece as a reader thinks of them: the bar (<c>[r:i]</c>) and voice (<c>[V:n]</c>) a body
/// patch belongs to, the start of the line a header patch writes, BOS/EOS. Each label starts with the patch index, so
/// labels are unique (a chart axis merges equal labels). Works on plain ids (<see cref="PatchVocabulary"/>: PAD, BOS, EOS, ASCII otherwise).
/// </summary>
public static class PatchAxis
{
    /// <summary>What one patch is, for axes and tables.</summary>
    /// <param name="Bar">Bar index from the last <c>[r:i/j]</c> counter, or null in the header.</param>
    /// <param name="Voice">Voice from the last <c>[V:n]</c>, or null.</param>
    public sealed record PatchLabel(int Index, string Text, int? Bar, string? Voice, string Label);

    public static IReadOnlyList<PatchLabel> Describe(IEnumerable<IReadOnlyList<int>> patches)
    {
        var labels = new List<PatchLabel>();
        int? bar = null;
        string? voice = null;
        var index = 0;
        foreach (var ids in patches)
        {
            var text = TextOf(ids);
            string label;
            if (IsBegin(ids))
                label = "BOS";
            else if (IsEnd(ids))
                label = "EOS";
            else if (bar is null && !text.StartsWith("[r:", StringComparison.Ordinal))
                label = Shorten(text);
            else
            {
                // Markers the patch opens with (after barline characters) name it; later ones name the next patches.
                var lead = LeadingMarkersEnd(text);
                (bar, voice) = Apply(text[..lead], bar, voice);
                label = $"[r:{bar}]" + (voice is null ? "" : $"[V:{voice}]");
                (bar, voice) = Apply(text[lead..], bar, voice);
            }
            labels.Add(new PatchLabel(index, text, bar, voice, $"{index} {label}"));
            index++;
        }
        return labels;
    }

    public static IReadOnlyList<string> Labels(IEnumerable<IReadOnlyList<int>> patches) => [.. Describe(patches).Select(l => l.Label)];

    /// <summary>The characters of a patch up to its first EOS id (PAD and BOS ids dropped).</summary>
    public static string TextOf(IReadOnlyList<int> ids)
    {
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            if (id == PatchVocabulary.Eos)
                break;
            if (id > PatchVocabulary.Eos)
                text.Append((char)id);
        }
        return text.ToString();
    }

    private static bool IsBegin(IReadOnlyList<int> ids) => ids.Count > 0 && ids[0] == PatchVocabulary.Bos && ids.Take(ids.Count - 1).All(id => id == PatchVocabulary.Bos);

    private static bool IsEnd(IReadOnlyList<int> ids) => ids.Count >= 2 && ids[0] == PatchVocabulary.Bos && ids[1] == PatchVocabulary.Eos;

    private static string Shorten(string text)
    {
        var line = text.Replace("\n", "").Trim();
        return line.Length <= 12 ? line : line[..12] + "…";
    }

    private static int LeadingMarkersEnd(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] is '|' or ':' or ']' or ' ')
                i++;
            else if (StartsMarker(text, i) && text.IndexOf(']', i) is var close and > 0)
                i = close + 1;
            else
                break;
        }
        return i;
    }

    private static bool StartsMarker(string text, int at) =>
        string.CompareOrdinal(text, at, "[r:", 0, 3) == 0 || string.CompareOrdinal(text, at, "[V:", 0, 3) == 0;

    private static (int? Bar, string? Voice) Apply(string text, int? bar, string? voice)
    {
        for (var i = text.IndexOf('['); i >= 0 && i < text.Length; i = text.IndexOf('[', i + 1))
        {
            var close = text.IndexOf(']', i);
            if (close < 0)
                break;
            var inside = text[(i + 1)..close];
            if (inside.StartsWith("r:", StringComparison.Ordinal))
            {
                var slash = inside.IndexOf('/');
                if (int.TryParse(slash < 0 ? inside[2..] : inside[2..slash], out var counted))
                    bar = counted;
            }
            else if (inside.StartsWith("V:", StringComparison.Ordinal))
                voice = inside[2..].Trim();
        }
        return (bar, voice);
    }
}
