using System.CommandLine;
using NotaGen.Modeling.Parity;
using NotaGen.Modeling.Weights;
using NotaGen.Modeling.Weights.Pth;
using NotaGen.Music.IO;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen model import FILE.pth --out DIR [--verify REF.json]</c>: an official NotaGen checkpoint (or one saved by
/// NotaGen's training scripts) becomes a model directory every command takes. The directory appears only when
/// everything succeeded: it is written beside the target and renamed into place.
/// </summary>
internal static class ModelImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A PyTorch checkpoint (.pth): NotaGen's {'model': state_dict, ...} or a bare state dict." };
        var output = new Option<DirectoryInfo>("--out") { Description = "The model directory to write (must not exist or be empty).", Required = true };
        var verify = new Option<FileInfo?>("--verify")
        {
            Description = "A *.reference.json of what NotaGen's code computes from FILE: recomputed, fails above 1e-4 (nothing is written then).",
        };
        var command = new Command("import", "Import a NotaGen PyTorch checkpoint (.pth) as a model directory.") { file, output, verify };
        command.SetAction(parseResult => Run(parseResult.GetValue(file)!, parseResult.GetValue(output)!, parseResult.GetValue(verify)));
        return command;
    }

    private static int Run(FileInfo file, DirectoryInfo output, FileInfo? verify)
    {
        var target = output.FullName;
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            Console.Error.WriteLine($"notagen model import: {target} exists and is not empty; choose a new --out.");
            return CliExit.BadArgument;
        }
        var staging = Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using var checkpoint = PthCheckpoint.Open(file.FullName);
            var config = NotaGenPthImport.InferConfig(checkpoint);
            var warnings = NotaGenPthImport.FileNameDisagreements(file.Name, config);
            foreach (var warning in warnings) Console.Error.WriteLine($"warning: {file.Name}: {warning}");
            Console.WriteLine($"{file.Name}: {(checkpoint.IsBareStateDict ? "bare state dict" : "checkpoint, model entry")}, {NotaGenPthImport.Describe(config)}");
            // The directory is written straight from the file, tensor by tensor (no second copy of the weights); a
            // --verify then loads it as every command will.
            var parameters = NotaGenPthImport.WriteModelDirectory(checkpoint, config, staging);
            IReadOnlyDictionary<string, double>? parity = null;
            if (verify is not null)
            {
                using var model = ModelDirectory.Load(staging);
                parity = ReferenceCheck.Compare(model, NotaGenReference.Load(verify.FullName));
                foreach (var (name, difference) in parity)
                    Console.WriteLine($"{name,-24} max |Δ| = {difference:E2}");
                var failures = ReferenceCheck.Failures(parity);
                if (failures.Count > 0)
                {
                    Console.Error.WriteLine($"notagen model import: {file.Name} does not compute what {verify.Name} holds: {string.Join(", ", failures)} differ by more than {ReferenceCheck.Tolerance:E0}; nothing written.");
                    return CliExit.BadInput;
                }
            }

            var card = ImportedModelCard.Write(checkpoint, config, ImportedModelCard.Sha256(file.FullName), warnings, parity, verify?.FullName);
            AtomicFile.WriteAllText(Path.Combine(staging, ImportedModelCard.FileName), card);
            if (Directory.Exists(target)) Directory.Delete(target);
            Directory.Move(staging, target);
            Console.WriteLine($"{target}: {parameters:N0} parameters");
            return CliExit.Success;
        }
        catch (Exception error) when (error is WeightFileException or ArgumentException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine($"notagen model import: {error.Message}");
            return error is WeightFileException or ArgumentException ? CliExit.BadInput : CliExit.FileError;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }
}
