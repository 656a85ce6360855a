namespace Pangy.Core.Pipeline;

/// <summary>What an uploaded blob is, by the upload contract.</summary>
public enum UploadKind
{
    /// <summary>Fits no rule; reported in the dataset's status.</summary>
    Unknown,

    /// <summary><c>{dataset}/dataset.json</c>.</summary>
    DatasetManifest,

    /// <summary><c>{dataset}/{chrom}.gfa[.gz]</c>.</summary>
    Gfa,

    /// <summary><c>{dataset}/{chrom}.lay.tsv[.gz]</c>, <c>{chrom}.lay</c> or a Bandage <c>{chrom}.layout</c>.</summary>
    Layout,

    /// <summary><c>{dataset}/{chrom}.bubblegun.json</c>.</summary>
    BubbleGun,

    /// <summary><c>annotations/{ref}/{name}.gff3[.gz]</c>.</summary>
    Annotations,
}
