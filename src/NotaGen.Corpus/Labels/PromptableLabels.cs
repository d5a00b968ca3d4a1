using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Corpus.Labels;

/// <summary>Whether a corpus piece's labels can become NotaGen's prompt lines.</summary>
public static class PromptableLabels
{
    extension(StylePrompt labels)
    {
        /// <summary>True when NotaGen could condition on these labels: a NotaGen period, a composer and one of the six classes.</summary>
        public bool CanPrompt => labels.Period is "Baroque" or "Classical" or "Romantic" && labels.Composer is not null
            && Instrumentation.IsNotaGenClass(labels.Instrumentation);
    }
}
