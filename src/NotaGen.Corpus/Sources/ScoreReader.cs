using System.Xml.Linq;
using NotaGen.Music;
using NotaGen.Music.MusicXml;
using NotaGen.Music.Scores;

namespace NotaGen.Corpus.Sources;

/// <summary>
/// Reads one corpus file into raw pieces: ABC tunebooks give one piece per tune, MusicXML one per movement
/// (<see cref="MovementSplitter"/>). MIDI one per file (NotaGen.Music's importer). This switch is the file-type dispatch: a new
/// format is one more arm that returns raw pieces in standard ABC.
/// </summary>
public static class ScoreReader
{
    public static IReadOnlyList<RawPiece> Read(CorpusFile file) => file.Format switch
    {
        ScoreFormat.Abc => ReadAbc(file.FullPath),
        ScoreFormat.MusicXml => ReadMusicXml(file.FullPath),
        ScoreFormat.Midi => ReadMidi(file.FullPath),
        _ => throw new NotSupportedException($"{file.RelativePath}: no reader for {file.Format}"),
    };

    /// <summary>
    /// A MIDI file through NotaGen.Music's MIDI → ABC importer (quantised, barred, key from the file or estimated):
    /// one raw piece in standard ABC. Part names are not known here, so instrumentation comes from the labels table.
    /// </summary>
    public static IReadOnlyList<RawPiece> ReadMidi(string path) =>
        [new RawPiece(0, ScoreFiles.Load(path), null, [])];

    public static IReadOnlyList<RawPiece> ReadAbc(string path)
    {
        var tunes = AbcTunebook.SplitTunes(File.ReadAllText(path));
        return tunes.Select((tune, i) => new RawPiece(
            i,
            AbcTunebook.WithNumberedVoice(tune),
            AbcTunebook.HeaderValue(tune, 'C'),
            [])).ToList();
    }

    public static IReadOnlyList<RawPiece> ReadMusicXml(string path)
    {
        var document = MusicXmlLoader.Load(path);
        var root = document.Root!;
        var composer = Composer(root);
        var parts = Parts(root);
        return MovementSplitter.Split(document)
            .Select((movement, i) => new RawPiece(i, MusicXmlToAbc.Convert(movement, path).Abc, composer, parts))
            .ToList();
    }

    private static string? Composer(XElement root) =>
        root.Descendants().FirstOrDefault(e => e.Name.LocalName == "creator" && (string?)e.Attribute("type") == "composer")
            ?.Value.Trim() is { Length: > 0 } name ? name : null;

    private static IReadOnlyList<PartLayout> Parts(XElement root)
    {
        var staves = root.Elements().Where(e => e.Name.LocalName == "part").ToDictionary(
            part => (string?)part.Attribute("id") ?? "",
            part => part.Descendants().FirstOrDefault(e => e.Name.LocalName == "staves") is { } s && int.TryParse(s.Value, out var n) ? n : 1);
        return root.Descendants().Where(e => e.Name.LocalName == "score-part")
            .Select(sp => new PartLayout(
                sp.Elements().FirstOrDefault(e => e.Name.LocalName == "part-name")?.Value.Trim() ?? "",
                staves.GetValueOrDefault((string?)sp.Attribute("id") ?? "", 1)))
            .ToList();
    }
}
