import { createContext, useContext } from "react";
import type { Api } from "./client.ts";

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (api === null) throw new Error("useApi outside the signed-in app");
  return api;
}
