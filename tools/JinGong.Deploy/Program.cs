using System.Text.Json;
using JinGong.Deploy;

// jingong-deploy base <aspire-manifest.json> <folder>   writes the Kubernetes base of the manifest into the folder
// jingong-deploy check <rendered.yaml>                   checks what `kubectl kustomize <folder>` rendered; exit 1 on a problem
switch (args)
{
    case ["base", var manifest, var folder]:
        using (var document = JsonDocument.Parse(File.ReadAllText(manifest)))
        {
            KubernetesBase.Write(KubernetesBase.From(document.RootElement, new DeployOptions()), folder);
        }

        Console.WriteLine($"Kubernetes base written to {folder}");
        return 0;
    case ["check", var rendered]:
        var objects = RenderedBase.Read(File.ReadAllText(rendered));
        var problems = RenderedBase.Problems(objects);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine(problem);
        }

        Console.WriteLine($"{objects.Count} objects rendered, {problems.Count} problems");
        return problems.Count == 0 ? 0 : 1;
    default:
        Console.Error.WriteLine("usage: jingong-deploy base <aspire-manifest.json> <folder> | check <rendered.yaml>");
        return 2;
}
