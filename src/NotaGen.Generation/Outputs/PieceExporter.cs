using NotaGen.Audio.Rendering;
using NotaGen.Music;
using NotaGen.Music.IO;
using NotaGen.Music.Midi;

namespace NotaGen.Generation.Outputs;

/// <summary>
/// Writes a generated piece as the five files a researcher listens to and checks: the raw model text
/// (<c>NAME.raw.txt</c>: prompt lines, <c>[r:]</c> counters, rest-reduced), the restored ABC (<c>NAME.abc</c>), MusicXML
/// (<c>NAME.musicxml</c>), MIDI (<c>NAME.mid</c>) and audio (<c>NAME.wav</c>). Each write is atomic; a piece that cannot be
/// restored or converted keeps the files that could be made and says what failed, so a batch never loses a sample.
/// The MIDI and the audio play repeats and endings as <c>notagen render</c> does, unless <paramref name="playRepeats"/> is false.
/// </summary>
public sealed class PieceExporter(Synthesizer synthesizer = Synthesizer.Auto, bool playRepeats = true)
{
    public PieceFiles Write(string rawText, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, name);
        var raw = stem + ".raw.txt";
        AtomicFile.WriteAllText(raw, rawText);

        var problems = new List<string>();
        var restored = RestoredPiece.From(rawText, raw);
        if (restored.Abc is null)
        {
            problems.Add($"not restored: {restored.Error}");
            return new PieceFiles(raw, null, null, null, null, problems);
        }
        var abc = stem + ".abc";
        PieceExport.WriteAbc(restored, abc);

        var musicXml = Try(problems, "MusicXML", () =>
        {
            PieceExport.WriteMusicXml(restored, stem + ".musicxml");
            return stem + ".musicxml";
        });
        MidiFile? midiFile = null;
        var midi = Try(problems, "MIDI", () =>
        {
            midiFile = PieceExport.Midi(restored, abc, playRepeats);
            SmfWriter.WriteFile(midiFile, stem + ".mid");
            return stem + ".mid";
        });
        var wav = midiFile is null ? null : Try(problems, "audio", () =>
        {
            AudioRenderer.RenderFile(midiFile, stem + ".wav", synthesizer);
            return stem + ".wav";
        });
        return new PieceFiles(raw, abc, musicXml, midi, wav, problems);
    }

    private static string? Try(List<string> problems, string what, Func<string> write)
    {
        try
        {
            return write();
        }
        catch (Exception error) when (error is MusicFormatException or MidiExportException or AudioRenderingException or IOException
            or InvalidOperationException or ArgumentException)
        {
            problems.Add($"no {what}: {error.Message}");
            return null;
        }
    }
}
