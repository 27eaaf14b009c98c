import { suite } from "./suite";

suite();
