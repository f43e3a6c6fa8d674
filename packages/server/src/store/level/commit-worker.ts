import { workerData } from "node:worker_threads";
import { serveCommits } from "../commit-thread.ts";
import { Committer } from "./committer.ts";
import { openDb } from "./database.ts";

/**
 * The LevelDB store's commits on a thread of their own, sharing the database with the main
 * thread (classic-level's multithreading): building a batch's keys and values, and LevelDB's
 * own work on them, stay off the thread that evaluates the next turn.
 */
const { path } = workerData as { path: string };
const opened = openDb(path);
const committer = opened.then((db) => new Committer(db));
serveCommits(
  async (batch) => (await committer).commit(batch),
  async () => (await opened).close(),
);
