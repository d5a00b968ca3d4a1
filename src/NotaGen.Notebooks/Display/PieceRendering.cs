using NotaGen.Audio.Rendering;
using NotaGen.Music;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Midi;
using NotaGen.Music.MusicXml;

namespace NotaGen.Notebooks.Display;

/// <summary>
/// Builds a <see cref="PieceDisplay"/> with everything a reader wants from one ABC tune: MIDI and audio from the ABC
/// engine's events (repeats and endings played, as <c>notagen render</c> plays them, unless <c>playRepeats</c> is
/// false), MusicXML for download. A part that cannot be made (MusicXML export of an unusual tune, say) is
/// left out and the rest is still shown; bad ABC fails with the parser's file:line:column error.
/// </summary>
public static class PieceRendering
{
    public static PieceDisplay Render(string abc, string? title = null, Synthesizer synthesizer = Synthesizer.Auto, string fileName = "<piece>", bool playRepeats = true)
    {
        var document = AbcParser.Parse(abc, fileName).ThrowIfErrors();
        var tune = document.Tunes.Count > 0
            ? document.Tunes[0]
            : throw new MusicFormatException(fileName, "", "no tune in the ABC text");
        var events = playRepeats ? tune.ToPlayedScoreEvents(fileName) : tune.ToScoreEvents(fileName);
        var midi = MidiExporter.Export(events);
        return new PieceDisplay(
            abc,
            title ?? tune.Title,
            Wav: AudioRenderer.RenderWav(midi, synthesizer),
            Midi: SmfWriter.ToBytes(midi),
            MusicXml: TryMusicXml(abc, fileName));
    }

    private static byte[]? TryMusicXml(string abc, string fileName)
    {
        try
        {
            using var buffer = new MemoryStream();
            AbcToMusicXml.FromAbc(abc, fileName).Save(buffer);
            return buffer.ToArray();
        }
        catch (MusicFormatException)
        {
            return null;
        }
    }
}
