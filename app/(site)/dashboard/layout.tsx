import type { ReactNode } from "react";
import { DashboardNav } from "../../../components/dashboard/dashboard-nav.tsx";

// Only navigation here: each page checks the manager role itself (requireStaffPage), and
// a layout must not read data, since it renders alongside a page that may redirect.
export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <DashboardNav />
      {children}
    </>
  );
}
