import "@/machines/evidence";
import { x } from "../analyzer/types";
import type { Verdict } from "./verdict";
import { PRODUCTS } from "../products/registry";
export const y = [x, PRODUCTS] as unknown as Verdict;
