import { NotFoundContent } from "../../components/not-found-content.tsx";

// notFound() inside the site pages (e.g. an unknown order token): the site layout
// already shows the header.
export default function SiteNotFound() {
  return <NotFoundContent />;
}
