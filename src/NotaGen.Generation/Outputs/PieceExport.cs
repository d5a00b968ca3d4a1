using System.Xml.Linq;
using NotaGen.Music;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.IO;
using NotaGen.Music.Midi;
using NotaGen.Music.MusicXml;

namespace NotaGen.Generation.Outputs;

/// <summary>
/// A generated piece as files, through the music library: MusicXML (NotaGen's gradio demo converts with abc2xml; here
/// <see cref="AbcToMusicXml"/>) and standard MIDI (<see cref="MidiExporter"/>), both from the restored ABC. A piece that
/// cannot be restored or parsed throws <see cref="MusicFormatException"/> naming the problem.
/// </summary>
public static class PieceExport
{
    public static XDocument MusicXml(RestoredPiece restored, string fileName = "<generated>") =>
        AbcToMusicXml.FromAbc(RequireAbc(restored, fileName), fileName);

    /// <param name="playRepeats">Repeats and endings played, as <c>notagen render</c> and abc2midi play them (the default); false: the notated bars once.</param>
    public static MidiFile Midi(RestoredPiece restored, string fileName = "<generated>", bool playRepeats = true)
    {
        var document = AbcParser.Parse(RequireAbc(restored, fileName), fileName).ThrowIfErrors();
        if (document.Tunes.Count == 0)
            throw new MusicFormatException(fileName, "", "no tune in the restored ABC");
        var tune = document.Tunes[0];
        return MidiExporter.Export(playRepeats ? tune.ToPlayedScoreEvents(fileName) : tune.ToScoreEvents(fileName));
    }

    /// <summary>Writes MusicXML (<c>.musicxml</c>/<c>.xml</c>, or compressed <c>.mxl</c> by extension), atomically.</summary>
    public static void WriteMusicXml(RestoredPiece restored, string path) =>
        AbcToMusicXml.WriteFile(RequireAbc(restored, path), path, path);

    /// <summary>Writes a standard MIDI file, atomically.</summary>
    public static void WriteMidi(RestoredPiece restored, string path) => SmfWriter.WriteFile(Midi(restored, path), path);

    /// <summary>Writes the restored ABC, atomically.</summary>
    public static void WriteAbc(RestoredPiece restored, string path) => AtomicFile.WriteAllText(path, RequireAbc(restored, path));

    private static string RequireAbc(RestoredPiece restored, string fileName) =>
        restored.Abc ?? throw new MusicFormatException(fileName, "", $"the generated piece could not be restored: {restored.Error}");
}
