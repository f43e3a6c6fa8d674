export { Bitset } from "./bitset.ts";
export { ColumnarDataset, type ScoreColumn } from "./columnar-dataset.ts";
export { datasetFromPlain, datasetToPlain } from "./dataset-snapshot.ts";
export { type EstimateOptions, estimateSet, type SetEstimate } from "./estimate-set.ts";
export { countSet, evaluateSet, type SegmentMembers, sampleMembers } from "./evaluate-set.ts";
