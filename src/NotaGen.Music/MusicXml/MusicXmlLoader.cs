using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// Opens <c>.musicxml</c>/<c>.xml</c> text and compressed <c>.mxl</c> archives as an XML tree, with hard caps so that a
/// hostile file (zip bomb, gigantic document, DTD tricks) fails fast with a <see cref="MusicFormatException"/>.
/// </summary>
public static class MusicXmlLoader
{
    /// <summary>Largest uncompressed XML accepted (the biggest real scores are a few tens of MB).</summary>
    public const long MaxDocumentBytes = 256L * 1024 * 1024;

    /// <summary>The deepest element nesting read (MusicXML itself nests about ten deep).</summary>
    public const int MaxElementDepth = 256;

    /// <summary>
    /// Bytes read from a file or an archive's inflater at a time: large reads, but a text buffer of this many characters
    /// stays under the large object heap's 85,000 bytes (at 64K it was 128 KB, an allocation there per file).
    /// </summary>
    private const int ReadBufferBytes = 1 << 15;

    /// <summary>Entries of an .mxl archive that are read; a META-INF/container.xml above this is rejected.</summary>
    private const long MaxContainerBytes = 1024 * 1024;

    /// <param name="cancel">Checked as the document is read: a conversion given up on stops reading.</param>
    public static XDocument Load(string path, CancellationToken cancel = default) =>
        Load(path, (reader, name) => XDocumentBuilder.Build(reader, MaxElementDepth, name, cancel));

    /// <summary>
    /// Loads the converter's flat tree, keeping only the attributes named (by local name) in <paramref name="attributes"/>
    /// and leaving out the elements named in <paramref name="skipped"/> with their content; null keeps all.
    /// </summary>
    internal static ElementTree LoadTree(string path, IReadOnlySet<string>? attributes, CancellationToken cancel, IReadOnlySet<string>? skipped = null) =>
        Load(path, (reader, name) => ElementTreeBuilder.Build(reader, MaxElementDepth, name, cancel, attributes, skipped));

    /// <summary>Parses MusicXML text given in memory (tests, notebooks). <paramref name="name"/> appears in errors.</summary>
    public static XDocument Parse(string xml, string name = "<input>")
    {
        using var reader = new StringReader(xml);
        return LoadXml(reader, name, (xmlReader, file) => XDocumentBuilder.Build(xmlReader, MaxElementDepth, file, CancellationToken.None));
    }

    /// <summary>Builds a tree from the reader; the name is the file's, for errors.</summary>
    private delegate T TreeBuild<T>(XmlReader reader, string name);

    private static T Load<T>(string path, TreeBuild<T> build)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = OpenRead(path);
        return IsCompressed(path, stream) ? LoadCompressed(stream, path, build) : LoadXml(stream, path, build);
    }

    private static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MusicFormatException(path, "", $"cannot open the file: {e.Message}", e);
        }
    }

    // Decide by content, not only by extension: a zip always starts with "PK".
    private static bool IsCompressed(string path, Stream stream)
    {
        Span<byte> head = stackalloc byte[2];
        var read = stream.Read(head);
        stream.Position = 0;
        var looksZip = read == 2 && head[0] == (byte)'P' && head[1] == (byte)'K';
        if (!looksZip && path.EndsWith(".mxl", StringComparison.OrdinalIgnoreCase))
            throw new MusicFormatException(path, "", "this .mxl file is not a zip archive (compressed MusicXML is a zip with META-INF/container.xml)");
        return looksZip;
    }

    private static T LoadCompressed<T>(Stream stream, string path, TreeBuild<T> build)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException or ArgumentException)
        {
            throw new MusicFormatException(path, "", $"the .mxl archive is not a readable zip: {e.Message}", e);
        }
        using (archive)
        {
            // Any entry may be damaged or stored with a method zip readers lack (LZMA): container.xml too.
            var entryName = "META-INF/container.xml";
            try
            {
                var entry = FindRootFile(archive, path);
                entryName = entry.FullName;
                if (entry.Length > MaxDocumentBytes)
                    throw new MusicFormatException(path, entry.FullName, $"the score inside the archive is {entry.Length} bytes, more than the {MaxDocumentBytes}-byte limit");
                using var inner = new CappedStream(entry.Open(), MaxDocumentBytes, path);
                return LoadXml(inner, path, build);
            }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException or ArgumentException)
            {
                throw new MusicFormatException(path, entryName, $"the compressed entry is damaged or unreadable: {e.Message}", e);
            }
        }
    }

    private static ZipArchiveEntry FindRootFile(ZipArchive archive, string path)
    {
        var container = archive.GetEntry("META-INF/container.xml");
        if (container is not null && container.Length <= MaxContainerBytes)
        {
            XDocument doc;
            using (var s = new CappedStream(container.Open(), MaxContainerBytes, path))
                doc = LoadXml(s, path + "!META-INF/container.xml", (reader, name) => XDocumentBuilder.Build(reader, MaxElementDepth, name, CancellationToken.None));
            var rootPath = doc.Descendants().Where(e => e.Name.LocalName == "rootfile")
                .Select(e => (string?)e.Attribute("full-path"))
                .FirstOrDefault(p => !string.IsNullOrEmpty(p));
            if (rootPath is not null && archive.GetEntry(rootPath) is { } named)
                return named;
        }
        // No usable container: take the first score-looking entry, as readers commonly do.
        return archive.Entries.FirstOrDefault(e => !e.FullName.StartsWith("META-INF", StringComparison.Ordinal)
                   && (e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                       || e.FullName.EndsWith(".musicxml", StringComparison.OrdinalIgnoreCase)))
               ?? throw new MusicFormatException(path, "", "the .mxl archive holds no MusicXML file (no META-INF/container.xml root file and no .xml entry)");
    }

    private static T LoadXml<T>(Stream stream, string name, TreeBuild<T> build)
    {
        // Large reads: the XML reader's small reads straight from an inflater cost about a fifth of the loading time
        // (the inflater takes a lock per read). A buffer, not the whole entry decompressed into memory first.
        using var reader = new StreamReader(stream, encoding: null, detectEncodingFromByteOrderMarks: true, bufferSize: ReadBufferBytes);
        return LoadXml(reader, name, build);
    }

    private static T LoadXml<T>(TextReader text, string name, TreeBuild<T> build)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore, // MusicXML names a DTD on the web; never fetch or expand it
            XmlResolver = null,
            MaxCharactersInDocument = MaxDocumentBytes,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(text, settings);
            return build(reader, name);
        }
        catch (XmlException e)
        {
            throw new MusicFormatException(name, $"{e.LineNumber}:{e.LinePosition}", $"malformed XML: {e.Message}", e);
        }
    }

    /// <summary>Stops reading past a byte budget, whatever the zip header claims (zip bombs lie about sizes).</summary>
    private sealed class CappedStream(Stream inner, long cap, string file) : Stream
    {
        private long total;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => total; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            total += n;
            if (total > cap)
                throw new MusicFormatException(file, "", $"the compressed score expands past {cap} bytes; refusing it as a possible zip bomb");
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
