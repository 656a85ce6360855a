namespace Pangy.Core.Pipeline;

/// <summary>The status document of every annotation set (key <see cref="Key"/>, which no dataset name can take).</summary>
public sealed class AnnotationsStatusDocument
{
    public const string Key = "@annotations";

    public List<AnnotationSetStatus> Sets { get; set; } = [];

    public AnnotationSetStatus? Find(string reference, string name) => Sets.Find(s => s.Reference == reference && s.Name == name);
}
