using System.Xml.Linq;
using NotaGen.Music;
using NotaGen.Music.MusicXml;

namespace NotaGen.Corpus.Sources;

/// <summary>Reads one corpus file into raw pieces: ABC tunebooks give one piece per tune, MusicXML one per file.</summary>
public static class ScoreReader
{
    public static IReadOnlyList<RawPiece> Read(CorpusFile file) => file.Format switch
    {
        ScoreFormat.Abc => ReadAbc(file.FullPath),
        ScoreFormat.MusicXml => [ReadMusicXml(file.FullPath)],
        // No MIDI → ABC importer exists yet; the builder reports MIDI files as rejects before calling this.
        _ => throw new MusicFormatException(file.FullPath, "", "MIDI import not built yet"),
    };

    public static IReadOnlyList<RawPiece> ReadAbc(string path)
    {
        var tunes = AbcTunebook.SplitTunes(File.ReadAllText(path));
        return tunes.Select((tune, i) => new RawPiece(
            i,
            AbcTunebook.WithNumberedVoice(tune),
            AbcTunebook.HeaderValue(tune, 'C'),
            [])).ToList();
    }

    public static RawPiece ReadMusicXml(string path)
    {
        var document = MusicXmlLoader.Load(path);
        var abc = MusicXmlToAbc.Convert(document, path).Abc;
        var root = document.Root!;
        return new RawPiece(0, abc, Composer(root), Parts(root));
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
