using System.Globalization;
using System.Xml;
using Microsoft.CodeAnalysis;

namespace NotaGen.Notebooks.Scripting;

/// <summary>
/// Documentation for inspect (Shift+Tab): the summaries of XML doc files, looked up by documentation ID across all
/// files at once, because cells compile against the framework's implementation assemblies (System.Private.Uri)
/// while the docs ship with its reference pack under other names (System.Runtime.xml). Read on first use only.
/// </summary>
public sealed class XmlDocumentation : DocumentationProvider
{
    private readonly Lazy<IReadOnlyDictionary<string, string>> members;
    private readonly string key;

    public XmlDocumentation(IReadOnlyList<string> xmlFiles)
    {
        key = string.Join('|', xmlFiles);
        members = new(() => Load(xmlFiles));
    }

    /// <summary>The XML doc files of the .NET reference pack matching the running framework, or none.</summary>
    public static IReadOnlyList<string> FrameworkFiles()
    {
        // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/packs/Microsoft.NETCore.App.Ref/<version>/ref/net<major>.<minor>/
        var runtime = new DirectoryInfo(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
        var root = runtime.Parent?.Parent?.Parent;
        if (root is null)
            return [];
        var refDir = Path.Combine(root.FullName, "packs", "Microsoft.NETCore.App.Ref", runtime.Name, "ref", $"net{Environment.Version.Major}.{Environment.Version.Minor}");
        return Directory.Exists(refDir) ? [.. Directory.GetFiles(refDir, "*.xml").Order(StringComparer.Ordinal)] : [];
    }

    /// <summary>The XML doc file beside an assembly (a project built with GenerateDocumentationFile), if any.</summary>
    public static string? Beside(string assemblyPath)
    {
        var xml = Path.ChangeExtension(assemblyPath, ".xml");
        return File.Exists(xml) ? xml : null;
    }

    protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default) =>
        members.Value.TryGetValue(documentationMemberID, out var xml) ? xml : null;

    public override bool Equals(object? obj) => obj is XmlDocumentation other && other.key == key;

    public override int GetHashCode() => key.GetHashCode(StringComparison.Ordinal);

    private static Dictionary<string, string> Load(IReadOnlyList<string> files)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreWhitespace = true });
                reader.MoveToContent();
                while (!reader.EOF)
                {
                    // ReadOuterXml moves to the next node itself, which may be the next member.
                    if (reader is { NodeType: XmlNodeType.Element, Name: "member" } && reader.GetAttribute("name") is { } name)
                        members.TryAdd(name, reader.ReadOuterXml());
                    else
                        reader.Read();
                }
            }
            catch (XmlException e)
            {
                ConsoleCapture.OriginalError.WriteLine($"[notagen kernel] skipped documentation file {file}: {e.Message}");
            }
        }
        return members;
    }
}
