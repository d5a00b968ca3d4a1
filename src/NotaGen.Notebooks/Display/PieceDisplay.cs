using System.Net;
using System.Text;
using NotaGen.Visualization.Scores;

namespace NotaGen.Notebooks.Display;

/// <summary>
/// A piece as a notebook shows it: the engraved score, an audio player, the ABC text folded, and download links.
/// The WAV is embedded once, in the player (whose menu saves it): a second copy as a link would double a notebook's size.
/// The score is an <c>img</c> of the SVG, not inline SVG: HTML sanitizers (an untrusted notebook in JupyterLab) drop
/// <c>svg</c> elements and leave their text behind, but keep images. The score alone is also offered as
/// <c>image/svg+xml</c> (<see cref="ScoreSvg"/>) and <c>image/png</c> (<see cref="ScorePng"/>), for front ends that
/// show no HTML or no SVG.
/// It takes plain ABC text and optional rendered bytes, so it needs neither the ABC engine nor the synthesizer;
/// those plug in by building one (or through <see cref="MidiToWav"/>).
/// </summary>
public sealed record PieceDisplay(string Abc, string? Title = null, byte[]? Wav = null, byte[]? Midi = null, byte[]? MusicXml = null)
{
    /// <summary>Renders MIDI to WAV when a piece has MIDI but no WAV; the audio layer sets it. Null: no audio.</summary>
    public static Func<byte[], byte[]>? MidiToWav { get; set; }

    public string FileStem => string.Concat((Title ?? "piece").Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    public string ToHtml()
    {
        var html = new StringBuilder("<div class=\"notagen-piece\">\n");
        if (Title is not null)
            html.Append("<h4>").Append(WebUtility.HtmlEncode(Title)).Append("</h4>\n");

        var score = Score();
        foreach (var page in score.SvgPages)
        {
            html.Append("<div class=\"notagen-score\"><img alt=\"score\" src=\"data:image/svg+xml;base64,")
                .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(page))).Append("\"></div>\n");
        }
        if (score.Problem is not null)
            html.Append("<p><em>").Append(WebUtility.HtmlEncode(score.Problem)).Append("</em></p>\n");

        var wav = Wav ?? (Midi is not null && MidiToWav is not null ? MidiToWav(Midi) : null);
        html.Append(wav is not null
            ? $"<audio controls src=\"data:audio/wav;base64,{Convert.ToBase64String(wav)}\"></audio>\n"
            : "<p><em>No audio: no WAV given and no MIDI renderer plugged in.</em></p>\n");

        html.Append("<details><summary>ABC</summary><pre>").Append(WebUtility.HtmlEncode(Abc)).Append("</pre></details>\n");

        html.Append("<p>Download: ").Append(DownloadLink(".abc", "text/vnd.abc", Encoding.UTF8.GetBytes(Abc)));
        if (MusicXml is not null)
            html.Append(" · ").Append(DownloadLink(".musicxml", "application/vnd.recordare.musicxml+xml", MusicXml));
        if (Midi is not null)
            html.Append(" · ").Append(DownloadLink(".mid", "audio/midi", Midi));
        html.Append("</p>\n</div>");
        return html.ToString();
    }

    /// <summary>The engraved score as one SVG document (pages stacked), or null when it could not be engraved.</summary>
    public string? ScoreSvg() => ScoreEngraver.Stack(Score().SvgPages);

    /// <summary>The engraved score as a PNG (through rsvg-convert), or null when it could not be engraved or rendered.</summary>
    public byte[]? ScorePng() => Rasters.GetValue(this, piece => piece.ScoreSvg() is { } svg ? ScoreRasterizer.Rasterize(svg) : new(null, null)).Png;

    public override string ToString() => Abc;

    // Engraved once per piece object, for its HTML and its SVG alike (by reference: records compare by value).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PieceDisplay, ScoreEngraver.Engraving> Engravings = [];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PieceDisplay, ScoreRasterizer.Raster> Rasters = [];

    private ScoreEngraver.Engraving Score() => Engravings.GetValue(this, piece => ScoreEngraver.Engrave(piece.Abc));

    private string DownloadLink(string extension, string mime, byte[] bytes) =>
        $"<a download=\"{WebUtility.HtmlEncode(FileStem + extension)}\" href=\"data:{mime};base64,{Convert.ToBase64String(bytes)}\">{extension}</a>";
}
