namespace Pangy.Core.Datastore;

/// <summary>One <c>.npy</c> column of an index directory, whatever its element type (for listings and checks).</summary>
public interface INpyColumn
{
    /// <summary>The column's name: the file is <c>{Name}.npy</c>.</summary>
    string Name { get; }

    /// <summary>numpy's <c>descr</c> of the element type, e.g. <c>&lt;u4</c>.</summary>
    string DType { get; }

    /// <summary>The column's file name.</summary>
    string FileName { get; }
}
