using System.Net;
using System.Text;
using NotaGen.Tokenization;
using NotaGen.Visualization.Attention;

namespace NotaGen.Visualization.Tokens;

/// <summary>
/// What the model sees: the text cut into its 16-character patches, each shown as a box with its index, its bar/voice
/// label and its characters; special ids are drawn as small tags (BOS, EOS, PAD), a newline as ↵. Hovering a box shows
/// its 16 ids. A patch that ends a line ends the row, so the layout follows the ABC text.
/// </summary>
public sealed record TokenView(IReadOnlyList<TokenView.Cell> Cells)
{
    /// <summary>One patch: its ids, its readable characters and its axis label.</summary>
    public sealed record Cell(int Index, IReadOnlyList<int> Ids, IReadOnlyList<string> Characters, string Label, int? Bar, bool EndsLine);

    public static TokenView Of(IEnumerable<IReadOnlyList<int>> patches)
    {
        var list = patches.ToList();
        var labels = PatchAxis.Describe(list);
        return new TokenView([.. list.Select((ids, i) => new Cell(i, ids, [.. ids.Select(Glyph)], labels[i].Label, labels[i].Bar, ids.Contains('\n')))]);
    }

    public static string Glyph(int id) => id switch
    {
        PatchVocabulary.Pad => "PAD",
        PatchVocabulary.Bos => "BOS",
        PatchVocabulary.Eos => "EOS",
        '\n' => "↵",
        ' ' => "·",
        < 32 or 127 => $"\\x{id:x2}",
        _ => ((char)id).ToString(),
    };

    public string ToHtml()
    {
        var html = new StringBuilder("<div class=\"notagen-tokens\" style=\"font-family:monospace;font-size:12px;line-height:1.2\">\n");
        html.Append($"<p>{Cells.Count} patches of 16 ids; hover a patch for its ids.</p>\n<div style=\"display:flex;flex-wrap:wrap;gap:3px\">\n");
        foreach (var cell in Cells)
        {
            var ids = string.Join(" ", cell.Ids);
            html.Append($"<div title=\"ids: {ids}\" style=\"border:1px solid #888;border-radius:3px;padding:2px 3px;background:{Background(cell)}\">");
            html.Append("<div style=\"font-size:9px;color:#555\">").Append(WebUtility.HtmlEncode(cell.Label)).Append("</div><div style=\"white-space:pre\">");
            foreach (var glyph in cell.Characters)
            {
                html.Append(glyph.Length > 1 && glyph != "↵"
                    ? $"<span style=\"font-size:8px;color:#999\">{WebUtility.HtmlEncode(glyph)}</span>"
                    : WebUtility.HtmlEncode(glyph));
            }
            html.Append("</div></div>\n");
            if (cell.EndsLine)
                html.Append("<div style=\"flex-basis:100%;height:0\"></div>\n");
        }
        return html.Append("</div>\n</div>").ToString();
    }

    public override string ToString() => string.Join("\n", Cells.Select(c => $"{c.Label}: {string.Concat(c.Characters.Select(g => g.Length > 1 && g != "↵" ? $"<{g}>" : g))}"));

    // Header patches grey, body patches tinted by bar parity so the bar structure shows at a glance.
    private static string Background(Cell cell) => cell.Bar switch
    {
        null => "#f2f2f2",
        var bar when bar % 2 == 0 => "#eef5ff",
        _ => "#fff4e6",
    };
}
