using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NotaGen.Modeling.Configuration;

namespace NotaGen.Modeling.Weights.Pth;

/// <summary>
/// The model card (<c>README.md</c>) of a model directory imported from a PyTorch checkpoint: which file it came
/// from (name, size, SHA-256), what the file held, the configuration inferred from its shapes, warnings, and the
/// parity check when one was run.
/// </summary>
public static class ImportedModelCard
{
    public const string FileName = "README.md";

    /// <summary>The SHA-256 of a file, streamed (checkpoints can be several GB), lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string Write(PthCheckpoint checkpoint, NotaGenConfig config, string sha256, IReadOnlyList<string> warnings,
        IReadOnlyDictionary<string, double>? parity, string? referenceFile)
    {
        var source = new FileInfo(checkpoint.Path);
        var dtypes = string.Join(", ", checkpoint.Tensors.Select(t => t.Value.Storage.DType.StorageClass).Distinct());
        var layout = checkpoint.IsBareStateDict
            ? "a bare state dict"
            : $"a checkpoint dict; only its `model` entry was read (also held: {string.Join(", ", checkpoint.OtherEntries.Select(e => $"`{e}`"))})";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Model card: {source.Name}");
        text.AppendLine();
        text.AppendLine("NotaGen weights imported from a PyTorch checkpoint with `notagen model import`. The weights are the file's,");
        text.AppendLine("converted to float32; their licence and provenance are those of the file's publisher.");
        text.AppendLine();
        text.AppendLine("| | |");
        text.AppendLine("|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| source file | `{source.Name}` ({source.Length:N0} bytes) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| SHA-256 | `{sha256}` |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| content | {layout}{(checkpoint.StrippedPrefix is { } p ? $"; key prefix `{p}` removed" : "")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| stored as | {dtypes} (read as float32) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| configuration | {NotaGenPthImport.Describe(config)} (preset `{config.Preset}`; inferred from tensor shapes, heads = hidden / 64) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| parameters | {checkpoint.Tensors.Where(t => t.Key != ModelDirectory.TiedHead && !NotaGenPthImport.IsAttentionBuffer(t.Key)).Sum(t => t.Value.ElementCount):N0} |");
        text.AppendLine("| style conditioning | none (NotaGen's prompt lines only) |");
        if (warnings.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Warnings");
            foreach (var warning in warnings) text.AppendLine(CultureInfo.InvariantCulture, $"- {warning}");
        }
        if (parity is not null)
        {
            text.AppendLine();
            text.AppendLine("## Parity with NotaGen's code");
            text.AppendLine(CultureInfo.InvariantCulture, $"Recomputed `{Path.GetFileName(referenceFile)}` (what NotaGen's PyTorch code computes from this file):");
            text.AppendLine();
            text.AppendLine("| output | max abs difference |");
            text.AppendLine("|---|---|");
            foreach (var (output, difference) in parity)
                text.AppendLine(CultureInfo.InvariantCulture, $"| {output} | {difference:E2} |");
        }
        return text.ToString();
    }
}
