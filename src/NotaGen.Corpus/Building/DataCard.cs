using System.Text;

namespace NotaGen.Corpus.Building;

/// <summary>DATA_CARD.md: a human-readable account of a build — sources, counts, filters, and what the pipeline does not do yet.</summary>
public static class DataCard
{
    public static string Write(CorpusManifest manifest, CorpusBuildOptions options)
    {
        var text = new StringBuilder();
        text.Append("# Corpus data card\n\n");
        text.Append($"Built by NotaGen.Corpus {manifest.ToolVersion} from {manifest.Counts.Files} files");
        text.Append(manifest.Labels is null ? " without a labels table.\n\n" : $" with labels from `{Path.GetFileName(manifest.Labels)}`.\n\n");
        text.Append($"- pieces kept: {manifest.Counts.Pieces} (labelled {manifest.Counts.Labelled}, with prompt lines {manifest.Counts.Prompted})\n");
        text.Append($"- rejected (files or pieces, see rejects.tsv): {manifest.Counts.Rejected}\n");
        text.Append($"- licence filter: {options.Licence ?? "none"}\n");
        text.Append($"- split fractions: validation {options.Fractions.Validation}, test {options.Fractions.Test} (SHA-256 of dup_group or piece id)\n\n");
        text.Append("| source | pieces |\n|---|---|\n");
        foreach (var (source, count) in manifest.Counts.PiecesBySource) text.Append($"| {source} | {count} |\n");
        text.Append("\n| split | pieces |\n|---|---|\n");
        foreach (var (split, count) in manifest.Counts.PiecesBySplit) text.Append($"| {split} | {count} |\n");
        text.Append("\n| reject stage | count |\n|---|---|\n");
        foreach (var (stage, count) in manifest.Counts.RejectsByStage) text.Append($"| {stage} | {count} |\n");
        text.Append($"""

            ## Preparation
            NotaGen's (reference a.1–a.3): ASCII folding; X: T: C: W: w: Z: %%MIDI removed; bar-number comments removed;
            voices must have equal bar counts; at least {options.Filters.MinBars} bars; at most {options.Filters.MaxStaves} staves;
            interleaved with rest reduction; prompt lines (%Period, %Composer, %Instrumentation) when the period is Baroque,
            Classical or Romantic, the composer is known and the instrumentation is one of NotaGen's six classes. No [r:]
            counters (the tokenizer adds them). Labels: labels-table row first (exercise rows get none), else the score's
            composer through data/composers.tsv and a part-name instrumentation rule. ABC tunebooks give one piece per X: tune.

            ## Not done
            - Multi-movement files (OpenScore String Quartets, some music21 Beethoven quartets) are NOT split into movements:
              each file is one piece.
            - MIDI files are not imported (no MIDI → ABC importer yet); they are listed in rejects.tsv.
            - No near-duplicate detection for folders without dup_group; no stratified split; no patch counts;
              no content-hash cache (every build re-reads every file).

            """);
        return text.ToString();
    }
}
